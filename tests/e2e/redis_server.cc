#include "tests/e2e/redis_server.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "sink/sink.h"

namespace e2e {
namespace {

// An ephemeral port that was free a moment ago (the kernel picks it).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

constexpr Millis kStartDeadline{10'000};

}  // namespace

RedisServer::RedisServer(std::filesystem::path dir) : dir_(std::move(dir)), port_(free_port()) {
  std::filesystem::create_directories(dir_);
}

RedisServer::~RedisServer() = default;  // DaemonProcess kills and reaps

bool RedisServer::available() { return ::access(kBinary, X_OK) == 0; }

bool RedisServer::start() {
  ++starts_;
  const std::string run = "redis-" + std::to_string(starts_);
  process_ = std::make_unique<DaemonProcess>(
      kBinary,
      std::vector<std::string>{"--port", std::to_string(port_), "--bind", "127.0.0.1", "--dir", dir_.string(),
                               "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                               "--daemonize", "no", "--protected-mode", "yes"},
      (dir_ / (run + ".out")).string(), (dir_ / (run + ".err")).string());
  if (!process_->started()) return false;
  return DaemonProcess::wait_until(
      [this] {
        std::string error;
        return process_->running() && sink::RedisClient::connect({.port = port_, .timeout = Millis{200}}, &error);
      },
      kStartDeadline);
}

void RedisServer::stop() {
  if (!process_ || !process_->running()) return;
  process_->send(SIGTERM);
  process_->wait_exit();
}

void RedisServer::kill() {
  if (!process_ || !process_->running()) return;
  process_->send(SIGKILL);
  process_->wait_exit();
}

bool RedisServer::running() { return process_ && process_->running(); }

std::string RedisServer::log() const {
  if (!process_) return "(never started)";
  return process_->stdout_text() + process_->stderr_text();
}

}  // namespace e2e
