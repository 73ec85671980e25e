#include "planner/format.hpp"

#include <sstream>

namespace planner {

std::string format_tree(const std::vector<std::vector<std::string>>& waves) {
    std::ostringstream out;
    for (std::size_t i = 0; i < waves.size(); ++i) {
        out << "wave " << i + 1 << '\n';
        for (std::size_t j = 0; j < waves[i].size(); ++j)
            out << (j + 1 == waves[i].size() ? "  `-- " : "  |-- ") << waves[i][j] << '\n';
    }
    return out.str();
}

std::string format_flat(const std::vector<std::vector<std::string>>& waves) {
    std::ostringstream out;
    for (std::size_t i = 0; i < waves.size(); ++i)
        for (const auto& t : waves[i]) out << i + 1 << '\t' << t << '\n';
    return out.str();
}

}  // namespace planner
