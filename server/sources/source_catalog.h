// SourceCatalog: canonical names for publishers, outlets and wire services
// ("AFP" and "Agence France-Presse" are one source), and detection of wire
// credits in article text ("(AFP)", "With AFP", "- Reuters").
//
// The catalogue is a data file (data/sources.tsv); names not in it are their
// own canonical source.
//
// Thread safety: immutable after Create(); const methods may be called
// concurrently.
#ifndef QUOTEWIRE_SERVER_SOURCES_SOURCE_CATALOG_H_
#define QUOTEWIRE_SERVER_SOURCES_SOURCE_CATALOG_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace quotewire {

struct CanonicalSource {
  // Stable id: a lower-case ASCII slug of the canonical name
  // ("agence-france-presse"). Never empty for a non-empty name.
  std::string id;
  // Canonical display name ("Agence France-Presse").
  std::string display_name;
  // Known other names, including the form given ("AFP").
  std::vector<std::string> aliases;
  // True when the source is a wire service.
  bool is_wire = false;
};

class SourceCatalog {
 public:
  // Loads `data_dir`/sources.tsv. Errors name file and line.
  static absl::StatusOr<std::unique_ptr<SourceCatalog>> Create(
      const std::string& data_dir);
  virtual ~SourceCatalog() = default;

  // The canonical source for a name as written ("AFP", "al jazeera",
  // "Al Jazeera's"). Unknown names map to themselves, cleaned.
  virtual CanonicalSource Canonicalize(std::string_view name) const = 0;

  // Canonical display names of the wire services credited in `text`, in order
  // of first appearance, each once.
  virtual std::vector<std::string> FindWireCredits(
      std::string_view text) const = 0;

 protected:
  SourceCatalog() = default;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_SOURCES_SOURCE_CATALOG_H_
