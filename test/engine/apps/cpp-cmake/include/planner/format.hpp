#pragma once

#include <string>
#include <vector>

namespace planner {

std::string format_tree(const std::vector<std::vector<std::string>>& waves);
std::string format_flat(const std::vector<std::vector<std::string>>& waves);

}  // namespace planner
