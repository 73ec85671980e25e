#include <cstdlib>
#include <cstring>
#include <iostream>

#include "planner/format.hpp"
#include "planner/graph.hpp"

int main(int argc, char** argv) {
    planner::Graph g;
    g.add("fetch-sources");
    g.add("configure", {"fetch-sources"});
    g.add("compile-core", {"configure"});
    g.add("compile-plugins", {"configure", "compile-core"});
    g.add("generate-docs", {"fetch-sources"});
    g.add("unit-tests", {"compile-core"});
    g.add("integration-tests", {"compile-plugins", "unit-tests"});
    g.add("package", {"compile-plugins", "generate-docs"});
    g.add("publish", {"package", "integration-tests"});
    if (argc > 1 && std::strcmp(argv[1], "--demo-cycle") == 0) g.add("configure", {"publish"});

    auto waves = g.waves();
    if (!waves) {
        std::cerr << "planner: the tasks' needs form a cycle\n";
        return 3;
    }
    const char* format = std::getenv("PLANNER_FORMAT");
    bool flat = format && std::strcmp(format, "flat") == 0;
    std::cout << "planner " << PLANNER_VERSION << ": " << g.size() << " tasks in " << waves->size() << " waves\n";
    std::cout << (flat ? planner::format_flat(*waves) : planner::format_tree(*waves));
    std::cout << "critical path:";
    for (const auto& t : g.critical_path("publish")) std::cout << ' ' << t;
    std::cout << '\n';
    return 0;
}
