// shipping: prices parcels with the rates in config/rates.ini, which it loads from the working
// directory at start.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

struct Rates {
    std::string currency = "EUR";
    double base = 0;
    double per_kg = 0;
    std::map<std::string, double> zone_factor;
};

static std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    auto e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

static bool load(const std::string& path, Rates& r) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line, section;
    while (std::getline(in, line)) {
        line = trim(line.substr(0, line.find(';')));
        if (line.empty()) continue;
        if (line.front() == '[' && line.back() == ']') {
            section = line.substr(1, line.size() - 2);
            continue;
        }
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string k = trim(line.substr(0, eq)), v = trim(line.substr(eq + 1));
        if (section == "price" && k == "currency") r.currency = v;
        else if (section == "price" && k == "base") r.base = std::stod(v);
        else if (section == "price" && k == "per_kg") r.per_kg = std::stod(v);
        else if (section == "zones") r.zone_factor[k] = std::stod(v);
    }
    return true;
}

int main(int argc, char** argv) {
    const std::string path = "config/rates.ini";
    Rates rates;
    if (!load(path, rates)) {
        std::cerr << "shipping: cannot read " << path << " in the working directory\n";
        return 1;
    }
    std::vector<std::pair<std::string, double>> parcels;
    for (int i = 1; i + 1 < argc; i += 2) parcels.emplace_back(argv[i], std::stod(argv[i + 1]));
    if (parcels.empty()) {
        std::cerr << "usage: shipping ZONE KG [ZONE KG]...\n";
        return 2;
    }
    int unknown = 0;
    double total = 0;
    std::cout << std::fixed << std::setprecision(2);
    for (const auto& [zone, kg] : parcels) {
        auto f = rates.zone_factor.find(zone);
        if (f == rates.zone_factor.end()) {
            std::cout << std::setw(8) << zone << " " << std::setw(6) << kg << " kg  no rate for this zone\n";
            ++unknown;
            continue;
        }
        double price = (rates.base + rates.per_kg * kg) * f->second;
        total += price;
        std::cout << std::setw(8) << zone << " " << std::setw(6) << kg << " kg  " << price << " " << rates.currency << "\n";
    }
    std::cout << "total " << total << " " << rates.currency << "\n";
    return unknown > 0 ? 3 : 0;
}
