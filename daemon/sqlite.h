// The one owner of SQLite's C handles (sqlite3, sqlite3_stmt) in jingwen, and
// the place where SQLite result codes become messages: every error names the
// database file, what was being done, and sqlite3_errmsg().
//
// A Database and the Statements prepared from it belong to one thread (the
// connection is opened with SQLITE_OPEN_NOMUTEX). REQUIRES: a Database
// outlives its Statements and Transactions (a Database may be moved; a
// Transaction's may not while the Transaction lives).
#ifndef JINGWEN_DAEMON_SQLITE_H_
#define JINGWEN_DAEMON_SQLITE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace jingwend::sqlite {

class Statement;

class Database {
 public:
  // Opens the database file at `path`, creating it when missing. nullopt with
  // `error` set ("database /x/state.sqlite3: cannot open: unable to open
  // database file") on failure.
  static std::optional<Database> open(const std::string& path, std::string* error);

  // Runs one or more statements that return no rows we need (DDL, PRAGMAs
  // that set). "" or an error message.
  std::string exec(std::string_view sql);
  // Compiles one statement. nullopt with `error` set on failure.
  std::optional<Statement> prepare(std::string_view sql, std::string* error);

  // "database PATH: WHAT: <sqlite3_errmsg>", for the last failed call.
  std::string error_message(std::string_view what) const;
  const std::string& path() const { return path_; }
  sqlite3* get() const { return db_.get(); }

 private:
  struct Close {
    void operator()(sqlite3* db) const noexcept;
  };
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  std::unique_ptr<sqlite3, Close> db_;
  std::string path_;
};

enum class Step { kRow, kDone, kError };

// A prepared statement. Bind with 1-based indexes, step, read columns with
// 0-based indexes; reset() to run it again. Text is bound as a copy
// (SQLITE_TRANSIENT): the argument may die before step().
class Statement {
 public:
  // A failed bind is remembered and reported by the next step()/run().
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);

  // kRow: a row is ready for the column readers; kDone: finished; kError:
  // error() says why.
  Step step();
  // Steps to the end (INSERT, UPDATE ...). "" or an error message.
  std::string run();
  // Rewinds and clears the bindings, so the statement can be run again.
  void reset();

  std::string column_text(int column) const;  // "" for NULL
  std::int64_t column_int64(int column) const;  // 0 for NULL

  // The message of the last failed bind/step ("database PATH: SQL...: msg").
  const std::string& error() const { return error_; }

 private:
  friend class Database;
  struct Finalize {
    void operator()(sqlite3_stmt* stmt) const noexcept;
  };
  Statement(sqlite3_stmt* stmt, std::string path) : stmt_(stmt), path_(std::move(path)) {}
  void fail(std::string_view what);
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
  std::string path_ = {};  // the database's, for messages
  std::string error_ = {};
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when the guard dies uncommitted (an
// early return on error). IMMEDIATE takes the write lock at the start, so a
// busy database fails at begin(), not half-way.
class Transaction {
 public:
  static std::optional<Transaction> begin(Database& db, std::string* error);
  ~Transaction();
  Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // "" or an error message; after a failure the destructor rolls back.
  std::string commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_ = nullptr;
};

}  // namespace jingwend::sqlite

#endif  // JINGWEN_DAEMON_SQLITE_H_
