#include "mountctl/render/table.hpp"

#include <catch2/catch.hpp>

using namespace mb::ctl::render;

TEST_CASE("a long last column is cut to the terminal width, and only on a terminal") {
  const std::string error(200, 'e');
  auto whole = table({"NAME", "LAST ERROR"}, {{"photos", error}}, 0);
  CHECK_THAT(whole, Catch::Contains(error));
  auto cut = table({"NAME", "LAST ERROR"}, {{"photos", error}}, 40);
  for (auto line : {cut.substr(0, cut.find('\n')), cut.substr(cut.find('\n') + 1)}) {
    if (!line.empty() && line.back() == '\n') line.pop_back();
    // "…" is 3 bytes, 1 column.
    auto columns = line.size() - (line.find("\xe2\x80\xa6") == std::string::npos ? 0 : 2);
    CHECK(columns <= 40);
  }
  CHECK_THAT(cut, Catch::EndsWith("\xe2\x80\xa6\n"));
}

TEST_CASE("a very narrow terminal still shows the start of the error") {
  auto cut = table({"A-LONG-NAME-COLUMN", "LAST ERROR"}, {{"x", std::string(50, 'e')}}, 10);
  CHECK_THAT(cut, Catch::Contains(std::string(11, 'e') + "\xe2\x80\xa6"));
}

TEST_CASE("cut_to counts characters, not bytes") {
  CHECK(cut_to("short", 10) == "short");
  CHECK(cut_to("abcdef", 4) == "abc\xe2\x80\xa6");
  CHECK(cut_to("\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc", 3) == "\xc3\xbc\xc3\xbc\xe2\x80\xa6");
  CHECK(cut_to("\xc3\xbc\xc3\xbc", 2) == "\xc3\xbc\xc3\xbc");
}

TEST_CASE("a table of cells is the table of the same rows") {
  const Row header{"NAME", "STATE", "LAST ERROR"};
  const std::vector<Row> rows{{"photos", "", "\xc3\xbc" + std::string(40, 'e')},
                              {"a-much-longer-name", "mounted"},
                              {"x", "unmounted", "short"}};
  std::vector<std::string_view> cells;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < header.size(); ++i)
      cells.push_back(i < r.size() ? std::string_view(r[i]) : std::string_view());
  const std::vector<std::string_view> head(header.begin(), header.end());
  for (std::size_t width : {0, 30, 60}) {
    INFO(width);
    CHECK(cells_table(head, cells, width) == table(header, rows, width));
  }
  CHECK(table(header, rows, 0) ==
        "NAME                STATE      LAST ERROR\n"
        "photos              -          \xc3\xbc" +
            std::string(40, 'e') +
            "\n"
            "a-much-longer-name  mounted    -\n"
            "x                   unmounted  short\n");
}
