// `jingwen consume`: the other side of the Redis sink, as a small example of
// a consumer: reads the stream as a member of a consumer group (XREADGROUP),
// hands each record on and acknowledges it (XACK) only after that, so a
// consumer that dies re-reads what it had not finished.
#ifndef JINGWEN_CLI_CONSUME_COMMAND_H_
#define JINGWEN_CLI_CONSUME_COMMAND_H_

#include <string>
#include <vector>

namespace cli {

// Runs `jingwen consume ARGS...` (args exclude "consume"); see its --help.
// Returns 0 when it stopped as asked (--count, --idle), 1 on a Redis or
// file error, 2 on a usage error.
int run_consume(const std::vector<std::string>& args);

}  // namespace cli

#endif  // JINGWEN_CLI_CONSUME_COMMAND_H_
