#include "server/store/postgres_changes.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "server/core/status_macros.h"

namespace quotewire {
namespace {

// Serialises trigger installation across servers starting at once.
constexpr int64_t kTriggerLockKey = 0x71770001;

std::string Ident(std::string_view name) {
  return absl::StrCat("\"", absl::StrReplaceAll(std::string(name), {{"\"", "\"\""}}), "\"");
}

std::string Literal(std::string_view text) {
  return absl::StrCat("'", absl::StrReplaceAll(std::string(text), {{"'", "''"}}), "'");
}

// libpq's messages end with a newline.
std::string ConnError(PGconn* conn) {
  return std::string(absl::StripTrailingAsciiWhitespace(
      conn != nullptr ? PQerrorMessage(conn) : "out of memory"));
}

PGconn* Connect(const std::string& conninfo, std::string* error) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    *error = ConnError(conn);
    PQfinish(conn);
    return nullptr;
  }
  // Notices (CREATE OR REPLACE, ...) are not for the server's log.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  return conn;
}

absl::Status Exec(PGconn* conn, const std::string& sql) {
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  absl::Status out;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const bool lost = PQstatus(conn) != CONNECTION_OK;
    std::string message = absl::StrCat(
        "change feed: ",
        absl::StripTrailingAsciiWhitespace(PQresultErrorMessage(result)));
    out = lost ? absl::UnavailableError(message) : absl::InternalError(message);
  }
  PQclear(result);
  return out;
}

}  // namespace

std::string PgChangeFeed::TriggerSql(const Options& options) {
  const std::string channel = Literal(options.channel);
  const std::string id = Ident(options.article_id_column);
  return absl::StrCat(
      "CREATE OR REPLACE FUNCTION quotewire_notify_article() RETURNS trigger "
      "LANGUAGE plpgsql AS $qw$\nBEGIN\n"
      "  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.", id,
      " IS DISTINCT FROM NEW.", id, ") THEN\n"
      "    PERFORM pg_notify(", channel, ", 'd' || OLD.", id, ");\n"
      "  END IF;\n"
      "  IF TG_OP <> 'DELETE' THEN\n"
      "    PERFORM pg_notify(", channel, ", 'a' || NEW.", id, ");\n"
      "  END IF;\n"
      "  RETURN NULL;\nEND\n$qw$;\n"
      "CREATE OR REPLACE FUNCTION quotewire_notify_correction() RETURNS "
      "trigger LANGUAGE plpgsql AS $qw$\nBEGIN\n"
      "  PERFORM pg_notify(", channel, ", 'c');\n"
      "  RETURN NULL;\nEND\n$qw$;\n"
      "CREATE OR REPLACE TRIGGER quotewire_notify_article AFTER INSERT OR "
      "UPDATE OR DELETE ON ", Ident(options.articles_table),
      " FOR EACH ROW EXECUTE FUNCTION quotewire_notify_article();\n"
      "CREATE OR REPLACE TRIGGER quotewire_notify_correction AFTER INSERT ON ",
      Ident(options.corrections_table),
      " FOR EACH STATEMENT EXECUTE FUNCTION quotewire_notify_correction();\n");
}

std::optional<StoreChange> PgChangeFeed::ParsePayload(std::string_view payload) {
  if (payload.empty()) return std::nullopt;
  StoreChange change;
  switch (payload[0]) {
    case 'a':
      change.kind = StoreChange::Kind::kArticleStored;
      break;
    case 'd':
      change.kind = StoreChange::Kind::kArticleDeleted;
      break;
    case 'c':
      change.kind = StoreChange::Kind::kCorrection;
      return change;
    case 'm':
      change.kind = StoreChange::Kind::kMark;
      break;
    default:
      return std::nullopt;
  }
  change.article_id = std::string(payload.substr(1));
  if (change.article_id.empty()) return std::nullopt;
  return change;
}

PgChangeFeed::PgChangeFeed(const Options& options, StoreChangeCallback on_change)
    : options_(options),
      on_change_(std::move(on_change)),
      mark_prefix_(absl::StrCat(absl::Hex((uint64_t{std::random_device()()} << 32) |
                                          std::random_device()()),
                                ":")) {}

absl::StatusOr<std::unique_ptr<PgChangeFeed>> PgChangeFeed::Start(
    const Options& options, StoreChangeCallback on_change) {
  std::unique_ptr<PgChangeFeed> feed(new PgChangeFeed(options, std::move(on_change)));
  std::string error;
  PGconn* conn = Connect(options.conninfo, &error);
  if (conn == nullptr) {
    return absl::UnavailableError(absl::StrCat("change feed: ", error));
  }
  absl::Status installed;
  if (feed->options_.channel.empty()) {
    PGresult* result = PQexec(conn, "SELECT current_schema()");
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1) {
      feed->options_.channel =
          absl::StrCat("qw_", std::string(PQgetvalue(result, 0, 0)).substr(0, 60));
    } else {
      installed = absl::UnavailableError(absl::StrCat(
          "change feed: ",
          absl::StripTrailingAsciiWhitespace(PQresultErrorMessage(result))));
    }
    PQclear(result);
  }
  if (installed.ok() && options.install_triggers) {
    installed = Exec(
        conn, absl::StrCat("BEGIN; SELECT pg_advisory_xact_lock(",
                           kTriggerLockKey, ");\n", TriggerSql(feed->options_),
                           "COMMIT;"));
  }
  PQfinish(conn);
  if (!installed.ok()) return installed;
  feed->listener_ = feed->ConnectListener(&error);
  if (feed->listener_ == nullptr) {
    return absl::UnavailableError(absl::StrCat("change feed: ", error));
  }
  feed->stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (feed->stop_fd_ < 0) {
    return absl::ResourceExhaustedError("change feed: eventfd failed");
  }
  feed->listening_ = true;
  feed->thread_ = std::thread([f = feed.get()] { f->Run(); });
  return feed;
}

PgChangeFeed::~PgChangeFeed() {
  if (thread_.joinable()) {
    const uint64_t one = 1;
    (void)!write(stop_fd_, &one, sizeof(one));
    thread_.join();
  }
  if (stop_fd_ >= 0) close(stop_fd_);
  PQfinish(listener_);
  absl::MutexLock lock(&mark_mu_);
  PQfinish(marker_);
}

absl::Status PgChangeFeed::Mark(std::string_view token) {
  const std::string payload = absl::StrCat("m", mark_prefix_, std::string(token));
  absl::MutexLock lock(&mark_mu_);
  if (marker_ == nullptr) {
    std::string error;
    marker_ = Connect(options_.conninfo, &error);
    if (marker_ == nullptr) {
      return absl::UnavailableError(absl::StrCat("change feed: ", error));
    }
  }
  const char* params[2] = {options_.channel.c_str(), payload.c_str()};
  PGresult* result = PQexecParams(marker_, "SELECT pg_notify($1, $2)", 2, nullptr,
                                  params, nullptr, nullptr, 0);
  absl::Status status;
  if (PQresultStatus(result) != PGRES_TUPLES_OK) {
    status = absl::UnavailableError(absl::StrCat(
        "change feed: ",
        absl::StripTrailingAsciiWhitespace(PQresultErrorMessage(result))));
    if (PQstatus(marker_) != CONNECTION_OK) {
      PQfinish(marker_);
      marker_ = nullptr;
    }
  }
  PQclear(result);
  return status;
}

PGconn* PgChangeFeed::ConnectListener(std::string* error) {
  PGconn* conn = Connect(options_.conninfo, error);
  if (conn == nullptr) return nullptr;
  const absl::Status listen =
      Exec(conn, absl::StrCat("LISTEN ", Ident(options_.channel)));
  if (!listen.ok()) {
    *error = std::string(listen.message());
    PQfinish(conn);
    return nullptr;
  }
  return conn;
}

void PgChangeFeed::Run() {
  const int timeout_ms = static_cast<int>(
      std::max<int64_t>(1, absl::ToInt64Milliseconds(options_.reconnect_delay)));
  while (true) {
    if (listener_ == nullptr) {
      // Reconnect; until then the feed is not healthy.
      std::string error;
      listener_ = ConnectListener(&error);
      if (listener_ != nullptr) {
        listening_ = true;
        on_change_({StoreChange{StoreChange::Kind::kResync, ""}});
        continue;
      }
      pollfd stop{stop_fd_, POLLIN, 0};
      if (poll(&stop, 1, timeout_ms) > 0) return;
      continue;
    }
    pollfd fds[2] = {{stop_fd_, POLLIN, 0}, {PQsocket(listener_), POLLIN, 0}};
    const int ready = poll(fds, 2, -1);
    if (ready < 0) continue;  // EINTR
    if (fds[0].revents != 0) return;
    bool lost = PQconsumeInput(listener_) == 0;
    std::vector<StoreChange> changes;
    while (PGnotify* notify = PQnotifies(listener_)) {
      std::optional<StoreChange> change = ParsePayload(notify->extra);
      if (change.has_value() && change->kind == StoreChange::Kind::kMark) {
        // Another server's mark, or this one's without its prefix.
        if (absl::StartsWith(change->article_id, mark_prefix_)) {
          change->article_id.erase(0, mark_prefix_.size());
        } else {
          change.reset();
        }
      }
      if (change.has_value()) changes.push_back(std::move(*change));
      PQfreemem(notify);
    }
    if (!changes.empty()) on_change_(changes);
    if (lost || PQstatus(listener_) != CONNECTION_OK) {
      listening_ = false;
      PQfinish(listener_);
      listener_ = nullptr;
      on_change_({StoreChange{StoreChange::Kind::kResync, ""}});
    }
  }
}

absl::Status PgChangeFeed::Health() {
  if (listening_) return absl::OkStatus();
  return absl::UnavailableError(
      "change feed: not connected to the database; reconnecting");
}

namespace {

// Waits until `store` reads what the primary has committed (its
// WriteGeneration() answers only then on a standby), or `limit` has passed.
void WaitForStandby(const Store& store, absl::Duration limit) {
  const absl::Time deadline = absl::Now() + limit;
  while (!store.WriteGeneration().has_value() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
}

class ChangeFeedStore final : public Store {
 public:
  ChangeFeedStore(std::unique_ptr<Store> store, const PgChangeFeed::Options& options,
                  bool reads_on_standby)
      : store_(std::move(store)),
        options_(options),
        reads_on_standby_(reads_on_standby) {}

  absl::StatusOr<std::unique_ptr<StoreChangeFeed>> WatchChanges(
      StoreChangeCallback on_change) override {
    if (reads_on_standby_) {
      on_change = [store = store_.get(), wait = options_.standby_catch_up_wait,
                   inner = std::move(on_change)](
                      const std::vector<StoreChange>& changes) {
        for (const StoreChange& change : changes) {
          if (change.kind == StoreChange::Kind::kArticleStored) {
            WaitForStandby(*store, wait);
            break;
          }
        }
        inner(changes);
      };
    }
    QW_ASSIGN_OR_RETURN(std::unique_ptr<PgChangeFeed> feed,
                        PgChangeFeed::Start(options_, std::move(on_change)));
    return std::unique_ptr<StoreChangeFeed>(std::move(feed));
  }

  absl::StatusOr<IngestResult> PutArticle(const AnalyzedArticle& analyzed) override {
    return store_->PutArticle(analyzed);
  }
  absl::StatusOr<std::vector<absl::StatusOr<IngestResult>>> PutArticles(
      const std::vector<AnalyzedArticle>& articles) override {
    return store_->PutArticles(articles);
  }
  absl::StatusOr<StoredArticle> GetArticle(std::string_view id) override {
    return store_->GetArticle(id);
  }
  absl::StatusOr<std::vector<StoredQuote>> GetArticleQuotes(
      std::string_view id) override {
    return store_->GetArticleQuotes(id);
  }
  absl::StatusOr<int32_t> DeleteArticle(std::string_view id) override {
    return store_->DeleteArticle(id);
  }
  absl::StatusOr<StoredQuote> GetQuote(std::string_view id) override {
    return store_->GetQuote(id);
  }
  absl::StatusOr<Page<StoredQuote>> ListQuotes(const QuoteFilter& filter,
                                               const PageOptions& page) override {
    return store_->ListQuotes(filter, page);
  }
  absl::StatusOr<std::optional<EncodedQuotePage>> ListEncodedQuotes(
      const QuoteFilter& filter, const PageOptions& page) override {
    return store_->ListEncodedQuotes(filter, page);
  }
  std::optional<uint64_t> WriteGeneration() const override {
    return store_->WriteGeneration();
  }
  absl::Status Health() override { return store_->Health(); }
  absl::StatusOr<Page<PersonRecord>> ListPeople(
      std::string_view query, std::optional<SpeakerKind> kind,
      const PageOptions& page) override {
    return store_->ListPeople(query, kind, page);
  }
  absl::StatusOr<PersonRecord> GetPerson(std::string_view name) override {
    return store_->GetPerson(name);
  }
  absl::StatusOr<Page<SourceRecord>> ListSources(std::string_view query,
                                                 const PageOptions& page) override {
    return store_->ListSources(query, page);
  }
  absl::StatusOr<Page<TopicRecord>> ListTopics(const PageOptions& page) override {
    return store_->ListTopics(page);
  }
  absl::StatusOr<PersonRecord> MergePeople(std::string_view person,
                                           const std::vector<std::string>& people,
                                           std::string_view editor) override {
    return store_->MergePeople(person, people, editor);
  }
  absl::StatusOr<std::pair<PersonRecord, PersonRecord>> SplitPerson(
      std::string_view person, const std::vector<std::string>& aliases,
      std::string_view display_name, std::string_view editor) override {
    return store_->SplitPerson(person, aliases, display_name, editor);
  }
  absl::StatusOr<PersonRecord> RenamePerson(std::string_view person,
                                            std::string_view display_name,
                                            std::string_view editor) override {
    return store_->RenamePerson(person, display_name, editor);
  }
  absl::StatusOr<StoredQuote> ReattributeQuote(std::string_view quote_id,
                                               std::string_view person,
                                               std::string_view editor) override {
    return store_->ReattributeQuote(quote_id, person, editor);
  }
  absl::StatusOr<Page<CorrectionRecord>> ListCorrections(
      const PageOptions& page) override {
    return store_->ListCorrections(page);
  }
  absl::StatusOr<Page<MergeSuggestionRecord>> ListMergeSuggestions(
      const PageOptions& page) override {
    return store_->ListMergeSuggestions(page);
  }

 private:
  const std::unique_ptr<Store> store_;
  const PgChangeFeed::Options options_;
  const bool reads_on_standby_;
};

}  // namespace

std::unique_ptr<Store> WithPostgresChangeFeed(std::unique_ptr<Store> store,
                                              const PgChangeFeed::Options& options,
                                              bool reads_on_standby) {
  return std::make_unique<ChangeFeedStore>(std::move(store), options,
                                           reads_on_standby);
}

}  // namespace quotewire
