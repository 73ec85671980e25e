// loan: an amortisation schedule, with its options parsed by Boost.Program_options.
#include <boost/program_options.hpp>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <string>

namespace po = boost::program_options;

int main(int argc, char** argv) {
    double principal = 0, rate = 0;
    int years = 0, show = 0;
    std::string currency;
    po::options_description desc("loan options");
    desc.add_options()
        ("help,h", "show this help")
        ("principal,p", po::value<double>(&principal)->required(), "amount borrowed")
        ("rate,r", po::value<double>(&rate)->required(), "yearly interest rate in percent")
        ("years,y", po::value<int>(&years)->default_value(20), "term in years")
        ("show,s", po::value<int>(&show)->default_value(3), "months of the schedule to print")
        ("currency,c", po::value<std::string>(&currency)->default_value("EUR"), "currency label");
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, desc), vm);
        if (vm.count("help")) {
            std::cout << desc << "\n";
            return 0;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "loan: " << e.what() << "\n";
        return 2;
    }
    const int n = years * 12;
    const double i = rate / 100.0 / 12.0;
    const double payment = i == 0 ? principal / n : principal * i / (1 - std::pow(1 + i, -n));
    std::cout << std::fixed << std::setprecision(2);
    std::cout << "monthly payment " << payment << " " << currency << " over " << n << " months\n";
    double balance = principal, interest_total = 0;
    for (int m = 1; m <= n; ++m) {
        double interest = balance * i;
        balance -= payment - interest;
        interest_total += interest;
        if (m <= show) {
            std::cout << "month " << std::setw(3) << m << "  interest " << std::setw(9) << interest
                      << "  balance " << std::setw(11) << std::max(balance, 0.0) << "\n";
        }
    }
    std::cout << "total interest " << interest_total << " " << currency << "\n";
    return 0;
}
