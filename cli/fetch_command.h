// `jingwen fetch`: fetch one URL the way the daemon would (robots.txt,
// redirects, size caps, retries) and print the clean article, the raw bytes,
// or the items of a feed or list page.
#ifndef JINGWEN_CLI_FETCH_COMMAND_H_
#define JINGWEN_CLI_FETCH_COMMAND_H_

#include <string>
#include <vector>

namespace cli {

// Runs `jingwen fetch ARGS...` (args exclude "fetch"). Returns the process
// exit status: 0 fetched and printed (a 304 too), 1 the fetch failed, the
// feed could not be parsed, or the page is not an article, 2 usage error.
// Runs its own io_context on the calling thread until the fetch completes.
int run_fetch(const std::vector<std::string>& args);

}  // namespace cli

#endif  // JINGWEN_CLI_FETCH_COMMAND_H_
