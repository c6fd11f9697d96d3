// `jingwen clean`: run the cleaner over files and folders of pages.
#ifndef JINGWEN_CLI_CLEAN_COMMAND_H_
#define JINGWEN_CLI_CLEAN_COMMAND_H_

#include <string>
#include <vector>

namespace cli {

// Runs `jingwen clean ARGS...` (args exclude "clean"). Returns the process
// exit status: 0 all pages read, 1 some page could not be read, 2 usage error.
int run_clean(const std::vector<std::string>& args);

}  // namespace cli

#endif  // JINGWEN_CLI_CLEAN_COMMAND_H_
