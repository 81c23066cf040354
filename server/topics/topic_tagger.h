// TopicTagger: assigns taxonomy topics (elections, protests, sanctions, ...)
// to a quote from multilingual keyword and phrase patterns, applied to the
// quote and its reporting sentence. The taxonomy is a data file
// (data/topics.tsv) that operators may replace with their own.
//
// Thread safety: immutable after Create(); const methods may be called
// concurrently.
#ifndef QUOTEWIRE_SERVER_TOPICS_TOPIC_TAGGER_H_
#define QUOTEWIRE_SERVER_TOPICS_TOPIC_TAGGER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace quotewire {

struct TopicInfo {
  std::string id;            // "elections"
  std::string display_name;  // "Elections"
};

class TopicTagger {
 public:
  // Loads the taxonomy file. Errors name file and line.
  static absl::StatusOr<std::unique_ptr<TopicTagger>> Create(
      const std::string& taxonomy_file);
  virtual ~TopicTagger() = default;

  // Every topic of the taxonomy, in file order.
  virtual const std::vector<TopicInfo>& taxonomy() const = 0;

  // Topic ids for a quote, in taxonomy order, each once. `context` is the
  // reporting sentence around the quote; `language` a BCP-47 tag (patterns
  // of all languages apply when it is empty or unknown).
  virtual std::vector<std::string> Tag(std::string_view quote,
                                       std::string_view context,
                                       std::string_view language) const = 0;

  // The topic with this id or display name (case-insensitive), or nullptr.
  virtual const TopicInfo* Find(std::string_view id_or_name) const = 0;

 protected:
  TopicTagger() = default;
};

}  // namespace quotewire

#endif  // QUOTEWIRE_SERVER_TOPICS_TOPIC_TAGGER_H_
