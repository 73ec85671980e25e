// anagram: finds the anagrams of each argument in the word list installed with the program.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#ifndef ANAGRAM_WORDS
#error "ANAGRAM_WORDS must name the installed word list"
#endif

static std::string key(std::string w) {
    std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
    std::sort(w.begin(), w.end());
    return w;
}

int main(int argc, char** argv) {
    std::ifstream in(ANAGRAM_WORDS);
    if (!in) {
        std::cerr << "anagram: cannot open the word list " << ANAGRAM_WORDS << "\n";
        return 1;
    }
    std::map<std::string, std::vector<std::string>> groups;
    std::string word;
    std::size_t total = 0;
    while (in >> word) {
        groups[key(word)].push_back(word);
        ++total;
    }
    std::cout << total << " words in the list\n";
    if (argc < 2) {
        std::cerr << "usage: anagram WORD...\n";
        return 2;
    }
    int missing = 0;
    for (int i = 1; i < argc; ++i) {
        std::string w = argv[i];
        auto it = groups.find(key(w));
        std::cout << w << ":";
        int shown = 0;
        if (it != groups.end()) {
            for (const auto& other : it->second) {
                if (other != w) {
                    std::cout << " " << other;
                    ++shown;
                }
            }
        }
        if (shown == 0) {
            std::cout << " (none)";
            ++missing;
        }
        std::cout << "\n";
    }
    return missing == argc - 1 ? 1 : 0;
}
