// textstat: sentences, words, syllables and the Flesch reading ease of a text file.
#include <cctype>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

static int syllables(const std::string& word) {
    int count = 0;
    bool prev_vowel = false;
    for (char c : word) {
        bool vowel = std::string("aeiouy").find(static_cast<char>(std::tolower(c))) != std::string::npos;
        if (vowel && !prev_vowel) ++count;
        prev_vowel = vowel;
    }
    if (word.size() > 2 && std::tolower(word.back()) == 'e' && count > 1) --count;
    return count > 0 ? count : 1;
}

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: textstat FILE\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    if (!in) {
        std::cerr << "textstat: cannot open " << argv[1] << "\n";
        return 1;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    int sentences = 0, words = 0, syl = 0;
    std::map<std::string, int> freq;
    std::string word;
    auto flush = [&]() {
        if (!word.empty()) {
            ++words;
            syl += syllables(word);
            for (auto& c : word) c = static_cast<char>(std::tolower(c));
            if (word.size() > 3) ++freq[word];
            word.clear();
        }
    };
    for (char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '\'') {
            word += c;
        } else {
            flush();
            if (c == '.' || c == '!' || c == '?') ++sentences;
        }
    }
    flush();
    if (sentences == 0) sentences = 1;
    double ease = 206.835 - 1.015 * words / sentences - 84.6 * static_cast<double>(syl) / words;
    std::cout << argv[1] << "\n"
              << "  sentences " << sentences << "\n"
              << "  words     " << words << "\n"
              << "  syllables " << syl << "\n"
              << std::fixed << std::setprecision(1) << "  reading ease " << ease << "\n"
              << "  frequent words:";
    int shown = 0;
    for (int want = 10; want >= 2 && shown < 5; --want) {
        for (const auto& [w, n] : freq) {
            if (n == want && shown < 5) {
                std::cout << " " << w << "(" << n << ")";
                ++shown;
            }
        }
    }
    std::cout << "\n";
    return 0;
}
