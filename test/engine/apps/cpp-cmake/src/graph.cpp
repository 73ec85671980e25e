#include "planner/graph.hpp"

#include <algorithm>
#include <functional>

namespace planner {

void Graph::add(const std::string& task, const std::vector<std::string>& needs) {
    auto& set = needs_[task];
    for (const auto& n : needs) {
        set.insert(n);
        needs_.try_emplace(n);
    }
}

std::optional<std::vector<std::vector<std::string>>> Graph::waves() const {
    std::map<std::string, std::size_t> waiting;
    std::map<std::string, std::vector<std::string>> needed_by;
    for (const auto& [task, needs] : needs_) {
        waiting[task] = needs.size();
        for (const auto& n : needs) needed_by[n].push_back(task);
    }
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> ready;
    for (const auto& [task, count] : waiting)
        if (count == 0) ready.push_back(task);
    std::size_t placed = 0;
    while (!ready.empty()) {
        std::sort(ready.begin(), ready.end());
        out.push_back(ready);
        placed += ready.size();
        std::vector<std::string> next;
        for (const auto& t : ready)
            for (const auto& dependent : needed_by[t])
                if (--waiting[dependent] == 0) next.push_back(dependent);
        ready.swap(next);
    }
    if (placed != needs_.size()) return std::nullopt;
    return out;
}

std::vector<std::string> Graph::critical_path(const std::string& task) const {
    std::map<std::string, std::vector<std::string>> memo;
    std::function<const std::vector<std::string>&(const std::string&)> longest =
        [&](const std::string& t) -> const std::vector<std::string>& {
        auto it = memo.find(t);
        if (it != memo.end()) return it->second;
        std::vector<std::string> best;
        for (const auto& n : needs_.at(t)) {
            const auto& p = longest(n);
            if (p.size() > best.size() || (p.size() == best.size() && p < best)) best = p;
        }
        best.push_back(t);
        return memo.emplace(t, best).first->second;
    };
    return longest(task);
}

}  // namespace planner
