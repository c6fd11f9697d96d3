#include "daemon/sqlite.h"

#include <sqlite3.h>

#include <limits>

namespace jingwend::sqlite {
namespace {

// Statement text in messages: enough to recognise it, bounded.
constexpr std::size_t kMaxSqlInMessage = 60;

std::string sql_excerpt(std::string_view sql) {
  if (sql.size() <= kMaxSqlInMessage) return std::string(sql);
  return std::string(sql.substr(0, kMaxSqlInMessage)) + "...";
}

std::string database_message(std::string_view path, std::string_view what, std::string_view detail) {
  std::string out = "database ";
  out += path;
  out += ": ";
  out += what;
  out += ": ";
  out += detail;
  return out;
}

}  // namespace

void Database::Close::operator()(sqlite3* db) const noexcept {
  // v2: a statement not yet finalised defers the close instead of failing it.
  sqlite3_close_v2(db);
}

std::optional<Database> Database::open(const std::string& path, std::string* error) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  // Even a failed open may allocate a handle that must be closed.
  Database db(raw, path);
  if (rc != SQLITE_OK) {
    if (error) {
      *error = database_message(path, "cannot open", raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    }
    return std::nullopt;
  }
  return db;
}

std::string Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return "";
  const std::string detail = message ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return database_message(path_, sql_excerpt(sql), detail);
}

std::optional<Statement> Database::prepare(std::string_view sql, std::string* error) {
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    if (error) *error = database_message(path_, sql_excerpt(sql), "statement too long");
    return std::nullopt;
  }
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  Statement statement(raw, path_);
  if (rc != SQLITE_OK || raw == nullptr) {
    if (error) *error = error_message(sql_excerpt(sql));
    return std::nullopt;
  }
  return statement;
}

std::string Database::error_message(std::string_view what) const {
  return database_message(path_, what, sqlite3_errmsg(db_.get()));
}

void Statement::Finalize::operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }

void Statement::fail(std::string_view what) {
  if (!error_.empty()) return;  // the first failure is the cause
  const std::string context = sql_excerpt(sqlite3_sql(stmt_.get())) + ": " + std::string(what);
  error_ = database_message(path_, context, sqlite3_errmsg(sqlite3_db_handle(stmt_.get())));
}

Statement& Statement::bind(int index, std::string_view text) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    fail("value too long");
    return *this;
  }
  // An empty view may have a null data(); SQLite would bind NULL, not "".
  const char* data = text.data() ? text.data() : "";
  if (sqlite3_bind_text(stmt_.get(), index, data, static_cast<int>(text.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK) {
    fail("bind " + std::to_string(index));
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) fail("bind " + std::to_string(index));
  return *this;
}

Step Statement::step() {
  if (!error_.empty()) return Step::kError;
  switch (sqlite3_step(stmt_.get())) {
    case SQLITE_ROW:
      return Step::kRow;
    case SQLITE_DONE:
      return Step::kDone;
    default:
      fail("step");
      return Step::kError;
  }
}

std::string Statement::run() {
  Step step_result = Step::kRow;
  while (step_result == Step::kRow) step_result = step();
  return step_result == Step::kDone ? "" : error_;
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  error_.clear();
}

std::string Statement::column_text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_.get(), column);
  if (text == nullptr) return "";
  const int bytes = sqlite3_column_bytes(stmt_.get(), column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes));
}

std::int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

std::optional<Transaction> Transaction::begin(Database& db, std::string* error) {
  if (std::string failed = db.exec("BEGIN IMMEDIATE"); !failed.empty()) {
    if (error) *error = std::move(failed);
    return std::nullopt;
  }
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->exec("ROLLBACK");  // nothing to report to: the caller has its error
}

std::string Transaction::commit() {
  if (db_ == nullptr) return "";
  std::string failed = db_->exec("COMMIT");
  if (failed.empty()) db_ = nullptr;
  return failed;
}

}  // namespace jingwend::sqlite
