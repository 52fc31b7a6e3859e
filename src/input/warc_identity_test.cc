// Copyright winnow authors. Licensed under the MIT licence.
//
// What a WARC record carries beside its payload (issue 15): the payload
// digest and the HTTP Content-Language, and the identity of a record that
// the end of the input cut short (its own address, not the file's path).

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "input/files.h"
#include "input/testing.h"

namespace winnow {
namespace {

constexpr char kPage[] =
    "<html><body><p>Die Hafenbruecke ist wieder offen.</p></body></html>";

std::string Response(const std::string& uri, const std::string& id,
                     const std::vector<std::string>& headers) {
  return WarcRecord(
      "response",
      {{"WARC-Target-URI", uri},
       {"WARC-Record-ID", id},
       {"WARC-Date", "2024-05-14T09:00:00Z"},
       {"WARC-Payload-Digest", "sha1:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"},
       {"Content-Type", "application/http; msgtype=response"}},
      HttpBlock("HTTP/1.1 200 OK", headers, kPage));
}

std::unique_ptr<RecordReader> Open(std::string bytes) {
  std::unique_ptr<RecordReader> reader;
  Status s =
      OpenSourceReader(std::make_unique<OwnedSource>(std::move(bytes)),
                       "t.warc", InputFormat::kWarc, ReaderOptions(), &reader);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return reader;
}

TEST(WarcIdentityTest, PayloadDigestAndContentLanguage) {
  auto reader = Open(Response(
      "https://x.example/a", "<urn:uuid:1>",
      {"Content-Type: text/html; charset=utf-8", "Content-Language: de-DE"}));
  Record r;
  ASSERT_TRUE(reader->Next(&r));
  EXPECT_EQ(r.payload_digest, "sha1:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
  EXPECT_EQ(r.content_language, "de-DE");
  EXPECT_EQ(r.warc_record_id, "<urn:uuid:1>");
  EXPECT_FALSE(reader->Next(&r));
  EXPECT_TRUE(reader->status().ok());
}

TEST(WarcIdentityTest, NoContentLanguageWhenTheResponseHasNone) {
  auto reader = Open(Response("https://x.example/a", "<urn:uuid:1>",
                              {"Content-Type: text/html"}));
  Record r;
  ASSERT_TRUE(reader->Next(&r));
  EXPECT_EQ(r.content_language, "");
}

// A file cut inside its second record: the failure is that record's, under
// its own address, index and offset (it named the file's path before).
TEST(WarcIdentityTest, CutRecordKeepsItsOwnName) {
  const std::string first = Response("https://x.example/a", "<urn:uuid:1>",
                                     {"Content-Type: text/html"});
  const std::string second = Response("https://x.example/b", "<urn:uuid:2>",
                                      {"Content-Type: text/html"});
  auto reader = Open(first + second.substr(0, second.size() - 20));
  Record r;
  ASSERT_TRUE(reader->Next(&r));
  EXPECT_EQ(r.url, "https://x.example/a");
  EXPECT_FALSE(reader->Next(&r));
  EXPECT_FALSE(reader->status().ok());
  Record cut;
  ASSERT_TRUE(reader->StoppedIn(&cut));
  EXPECT_EQ(cut.url, "https://x.example/b");
  EXPECT_EQ(cut.warc_record_id, "<urn:uuid:2>");
  EXPECT_EQ(cut.index, 1u);
  EXPECT_EQ(cut.offset, first.size());
  EXPECT_TRUE(cut.body.empty());
}

// Cut before any header line of the record: nothing names it.
TEST(WarcIdentityTest, CutBeforeTheHeaderNamesNoRecord) {
  const std::string first = Response("https://x.example/a", "<urn:uuid:1>",
                                     {"Content-Type: text/html"});
  auto reader = Open(first + "WARC/1.1\r\nWARC-Ty");
  Record r;
  ASSERT_TRUE(reader->Next(&r));
  EXPECT_FALSE(reader->Next(&r));
  EXPECT_FALSE(reader->status().ok());
  EXPECT_FALSE(reader->StoppedIn(&r));
}

}  // namespace
}  // namespace winnow
