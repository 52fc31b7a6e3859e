// Copyright winnow authors. Licensed under the MIT licence.

#include "classify/sibling_kinds.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace winnow {
namespace {

Node MakeNode(int parent, Tag tag) {
  Node n;
  n.parent = parent;
  n.tag = tag;
  return n;
}

TEST(SiblingKinds, SameParentAndTagShareANumberInOrderOfFirstAppearance) {
  Page page;
  page.nodes = {MakeNode(-1, Tag::kHtml), MakeNode(0, Tag::kBody),
                MakeNode(1, Tag::kP),     MakeNode(1, Tag::kDiv),
                MakeNode(1, Tag::kP),     MakeNode(3, Tag::kP),
                MakeNode(1, Tag::kDiv)};
  std::vector<int> kind;
  EXPECT_EQ(NumberSiblingKinds(page, &kind), 4);
  EXPECT_EQ(kind, (std::vector<int>{0, 1, 2, 3, 2, 4, 3}));
}

// Thousands of parents, each with children of a few tags met in varying
// order: the numbers must be those of an exact map from (parent, tag) to
// first appearance.
TEST(SiblingKinds, ManyKindsNumberedAsAnExactMapWould) {
  Page page;
  page.nodes.push_back(MakeNode(-1, Tag::kHtml));
  const Tag tags[] = {Tag::kP, Tag::kDiv, Tag::kLi, Tag::kSpan};
  for (int parent = 0; page.nodes.size() < 5000; ++parent) {
    for (int k = 0; k < 5; ++k) {
      page.nodes.push_back(MakeNode(parent, tags[(parent + k * k) % 4]));
    }
  }
  std::map<std::pair<int, Tag>, int> expected;
  std::vector<int> want(page.nodes.size(), 0);
  for (size_t i = 1; i < page.nodes.size(); ++i) {
    const auto key = std::make_pair(page.nodes[i].parent, page.nodes[i].tag);
    auto it = expected.emplace(key, static_cast<int>(expected.size()) + 1);
    want[i] = it.first->second;
  }
  std::vector<int> kind;
  EXPECT_EQ(NumberSiblingKinds(page, &kind),
            static_cast<int>(expected.size()));
  EXPECT_EQ(kind, want);
}

}  // namespace
}  // namespace winnow
