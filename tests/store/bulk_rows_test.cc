// Rows in bulk: insert_rows(..., bulk) writes a term's intake as one COPY
// on PostgreSQL (adapters/store/postgres_copy.h) and as multi-row VALUES on
// SQLite; both must store every value as given, escapes and NULLs
// included. COPY's own failures name what the server refused and leave the
// session usable; a start reads its deadline index through copy_out.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <stdexcept>

#include "adapters/store/database.h"
#include "adapters/store/postgres_copy.h"
#include "adapters/store/sql_helpers.h"
#include "tests/store/store_fixture.h"

namespace xueji::test {
namespace {

// Text COPY's format must escape, and text it must pass as it is.
const std::vector<std::string> kAwkward = {
    "tab\there", "line\nbreak",         "carriage\rreturn", "back\\slash",          "\\N", "",
    "张三·李四", "quote \" and ' both", "{braces,comma}",   "trailing backslash\\", "NULL"};

std::unique_ptr<store::Connection> probe(const std::string& backend) {
  auto opened = store::Connection::open(fresh_database(backend));
  EXPECT_TRUE(opened.ok()) << opened.error().message;
  if (!opened.ok()) return nullptr;
  (*opened)->sql() << "CREATE TABLE bulk_probe (k BIGINT PRIMARY KEY, t TEXT, n BIGINT)";
  return std::move(*opened);
}

class BulkRows : public BothBackends {};

TEST_P(BulkRows, EveryValueIsStoredAsGivenWithItsNulls) {
  auto connection = probe(GetParam());
  ASSERT_NE(connection, nullptr);
  constexpr size_t kRows = 1000;  // past the bulk path's threshold
  std::vector<long long> key, number;
  std::vector<std::string> text;
  std::vector<soci::indicator> text_nulls, number_nulls;
  for (size_t i = 0; i < kRows; ++i) {
    key.push_back(static_cast<long long>(i) - 500);
    text.push_back(kAwkward[i % kAwkward.size()] + (i % 3 == 0 ? std::to_string(i) : ""));
    text_nulls.push_back(i % 7 == 0 ? soci::i_null : soci::i_ok);
    number.push_back(i % 2 == 0 ? -9'000'000'000'000'000'000LL : static_cast<long long>(i) * 31);
    number_nulls.push_back(i % 5 == 0 ? soci::i_null : soci::i_ok);
  }
  soci::session& sql = connection->sql();
  {
    soci::transaction tr(sql);
    store::insert_rows(sql, "INSERT INTO bulk_probe (k, t, n) VALUES ", "",
                       {{nullptr, &key},
                        {&text, nullptr, nullptr, &text_nulls},
                        {nullptr, &number, &number_nulls}},
                       kRows, true);
    tr.commit();
  }
  size_t seen = 0;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT k, t, n FROM bulk_probe ORDER BY k");
  for (const auto& r : rows) {
    const size_t i = static_cast<size_t>(r.get<long long>(0) + 500);
    ASSERT_LT(i, kRows);
    EXPECT_EQ(r.get_indicator(1) == soci::i_null, i % 7 == 0) << i;
    if (i % 7 != 0) {
      EXPECT_EQ(r.get<std::string>(1), text[i]) << i;
    }
    EXPECT_EQ(r.get_indicator(2) == soci::i_null, i % 5 == 0) << i;
    if (i % 5 != 0) {
      EXPECT_EQ(r.get<long long>(2), number[i]) << i;
    }
    ++seen;
  }
  EXPECT_EQ(seen, kRows);
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkRows, ::testing::Values("postgresql", "sqlite"),
                         backend_name);

long long count(soci::session& sql) {
  long long n = -1;
  sql << "SELECT COUNT(*) FROM bulk_probe", soci::into(n);
  return n;
}

TEST(PostgresCopy, ARefusedRowFailsTheCopyByNameAndLeavesTheSessionUsable) {
  auto connection = probe("postgresql");
  ASSERT_NE(connection, nullptr);
  soci::session& sql = connection->sql();
  sql << "INSERT INTO bulk_probe (k, t) VALUES (7, 'there')";
  try {
    soci::transaction tr(sql);
    store::CopyIn copy(sql, "COPY bulk_probe (k, t) FROM STDIN");
    for (long long k : {1LL, 2LL, 7LL, 8LL}) {
      copy.number(k);
      copy.text("new");
      copy.end_row();
    }
    copy.finish();
    tr.commit();
    ADD_FAILURE() << "a taken key was copied in";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bulk_probe_pkey"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count(sql), 1);  // none of the four; the session answers
  // A writer that gives up before its last row keeps none of them.
  try {
    soci::transaction tr(sql);
    store::CopyIn copy(sql, "COPY bulk_probe (k, t) FROM STDIN");
    copy.number(20);
    copy.text("half");
    copy.end_row();
    throw std::runtime_error("the caller failed");
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "the caller failed");
  }
  EXPECT_EQ(count(sql), 1);
  // A statement the server refuses throws with its message.
  EXPECT_THROW(store::CopyIn(sql, "COPY no_such_table (k) FROM STDIN"), std::runtime_error);
  EXPECT_EQ(count(sql), 1);
}

TEST(PostgresCopy, RowsComeOutUnescapedAndAFailingReaderStopsCleanly) {
  auto connection = probe("postgresql");
  ASSERT_NE(connection, nullptr);
  soci::session& sql = connection->sql();
  for (size_t i = 0; i < kAwkward.size(); ++i) {
    const long long k = static_cast<long long>(i);
    sql << "INSERT INTO bulk_probe (k, t, n) VALUES (:k, :t, :n)", soci::use(k),
        soci::use(kAwkward[i]), soci::use(k * 10);
  }
  sql << "INSERT INTO bulk_probe (k, t, n) VALUES (100, NULL, NULL)";
  std::vector<std::vector<std::string>> got;
  store::copy_out(sql, "COPY (SELECT k, t, n FROM bulk_probe ORDER BY k) TO STDOUT",
                  [&](std::vector<std::string>& fields) { got.push_back(fields); });
  ASSERT_EQ(got.size(), kAwkward.size() + 1);
  for (size_t i = 0; i < kAwkward.size(); ++i) {
    EXPECT_EQ(got[i],
              (std::vector<std::string>{std::to_string(i), kAwkward[i], std::to_string(i * 10)}));
  }
  EXPECT_EQ(got.back(), (std::vector<std::string>{"100", "", ""}));  // NULL reads as ""
  // A reader that throws: the rest is taken, the exception comes through,
  // and the session answers the next statement.
  size_t handed = 0;
  EXPECT_THROW(store::copy_out(sql, "COPY (SELECT k FROM bulk_probe ORDER BY k) TO STDOUT",
                               [&](std::vector<std::string>&) {
                                 if (++handed == 3) throw std::invalid_argument("enough");
                               }),
               std::invalid_argument);
  EXPECT_EQ(handed, 3u);
  EXPECT_EQ(count(sql), static_cast<long long>(kAwkward.size() + 1));
  EXPECT_THROW(store::copy_out(sql, "COPY (SELECT nothing FROM bulk_probe) TO STDOUT",
                               [](std::vector<std::string>&) {}),
               std::runtime_error);
  EXPECT_EQ(count(sql), static_cast<long long>(kAwkward.size() + 1));
}

TEST(CopyRow, FieldsSplitAndUnescapeAsPostgreSQLWritesThem) {
  std::vector<std::string> f;
  store::split_copy_row("a\tb", f);
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b"}));
  store::split_copy_row("", f);
  EXPECT_EQ(f, (std::vector<std::string>{""}));
  store::split_copy_row("a\t", f);
  EXPECT_EQ(f, (std::vector<std::string>{"a", ""}));
  store::split_copy_row("\\N\tx\t\\N", f);
  EXPECT_EQ(f, (std::vector<std::string>{"", "x", ""}));
  store::split_copy_row("\\\\N", f);  // an escaped backslash and N: the text "\N"
  EXPECT_EQ(f, (std::vector<std::string>{"\\N"}));
  store::split_copy_row("t\\tn\\nr\\rb\\\\", f);
  EXPECT_EQ(f, (std::vector<std::string>{"t\tn\nr\rb\\"}));
  store::split_copy_row("\\101\\x42\\x4a\\7z\\q", f);  // octal, hex, short octal, other
  EXPECT_EQ(f, (std::vector<std::string>{"ABJ\az"
                                         "q"}));
}

}  // namespace
}  // namespace xueji::test
