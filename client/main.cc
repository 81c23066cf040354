// quotewire: command-line client of quotewire.v1.QuoteService.
//
//   quotewire ingest examples/
//   quotewire quotes --person Lukashenko
//   quotewire --json people --query kolesnikova
//
// Run `quotewire --help` for every command and flag.
#include <iostream>
#include <string>
#include <vector>

#include "client/cli_args.h"
#include "client/commands.h"

int main(int argc, char** argv) {
  using namespace quotewire::cli;
  const std::vector<std::string> raw(argv + 1, argv + argc);
  const absl::StatusOr<ParsedArgs> args =
      ParseArgs(raw, BooleanFlags(), ValueFlags());
  if (!args.ok()) {
    std::cerr << "quotewire: " << args.status().message()
              << "\n(see quotewire --help)\n";
    return kExitUsage;
  }
  if (args->GetBool("help") ||
      (!args->positional.empty() && args->positional[0] == "help")) {
    std::cout << Usage();
    return kExitOk;
  }
  if (args->positional.empty()) {
    std::cerr << Usage();
    return kExitUsage;
  }
  const absl::StatusOr<ClientOptions> options = ClientOptionsFromArgs(*args);
  if (!options.ok()) {
    std::cerr << "quotewire: " << options.status().message() << "\n";
    return kExitUsage;
  }
  const auto channel = MakeChannel(*options);
  if (!channel.ok()) {
    std::cerr << "quotewire: " << channel.status().message() << "\n";
    return kExitUsage;
  }
  Cli cli(*options, *channel, std::cout, std::cerr);
  return cli.Run(*args);
}
