#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace planner {

// Tasks and the tasks each one needs first.
class Graph {
public:
    void add(const std::string& task, const std::vector<std::string>& needs = {});

    // Tasks grouped in waves: every task's needs are in earlier waves; names sorted inside a wave.
    // Empty when the needs form a cycle.
    std::optional<std::vector<std::vector<std::string>>> waves() const;

    // The tasks on the longest chain of needs ending at `task`, first to last.
    std::vector<std::string> critical_path(const std::string& task) const;

    std::size_t size() const { return needs_.size(); }

private:
    std::map<std::string, std::set<std::string>> needs_;
};

}  // namespace planner
