// nnp_run: the command-line runner. Trains one experiment, given as key=value arguments, a share
// link (also one carrying trained weights, which then start the training) or a TF Playground
// link, for N epochs and prints the per-epoch history as JSON lines or CSV.
// A bad config exits with status 2 and names each problem; nothing is silently changed.
#include "config_codec.hpp"
#include "fields.hpp"
#include "session.hpp"
#include "strings.hpp"

#include <cstdio>
#include <cstring>
#include <string>

namespace {

void usage() {
    std::fprintf(stderr,
                 "usage: nnp_run [--epochs N] [--format jsonl|csv] [--print-config] [--print-link]\n"
                 "               [key=value ...]\n"
                 "  key=value pairs are those of a share link, e.g. data=spiral net=8:relu,8:relu opt=adam lr=0.01\n"
                 "  a whole link also works: 'v=1&data=xor&net=4:tanh', or a TF Playground link\n"
                 "  --print-link: after training, print a link with the trained weights to stderr\n"
                 "  --print-fields: print the table of keys (Markdown) and exit\n");
}


// The validation columns are there only when the experiment has a validation split.
void print_record(const nnp::EpochRecord& r, bool csv, bool val) {
    const auto e = static_cast<long long>(r.epoch);
    const double tl = r.train_loss, sl = r.test_loss, ta = r.train_accuracy, sa = r.test_accuracy;
    const double vl = r.val_loss, va = r.val_accuracy;
    if (csv && val) std::printf("%lld,%.9g,%.9g,%.6g,%.6g,%.9g,%.6g\n", e, tl, sl, ta, sa, vl, va);
    else if (csv) std::printf("%lld,%.9g,%.9g,%.6g,%.6g\n", e, tl, sl, ta, sa);
    else if (val)
        std::printf("{\"epoch\":%lld,\"train_loss\":%.9g,\"test_loss\":%.9g,\"train_accuracy\":%.6g,"
                    "\"test_accuracy\":%.6g,\"val_loss\":%.9g,\"val_accuracy\":%.6g}\n",
                    e, tl, sl, ta, sa, vl, va);
    else
        std::printf("{\"epoch\":%lld,\"train_loss\":%.9g,\"test_loss\":%.9g,\"train_accuracy\":%.6g,"
                    "\"test_accuracy\":%.6g}\n",
                    e, tl, sl, ta, sa);
}

}  // namespace

int main(int argc, char** argv) {
    long long epochs = 100;
    bool csv = false, print_config = false, print_link = false;
    std::string text;
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (std::strcmp(arg, "--epochs") == 0 && i + 1 < argc) {
            char* end = nullptr;
            epochs = std::strtoll(argv[++i], &end, 10);
            if (*end != '\0' || epochs < 0 || epochs > 100000000) {
                std::fprintf(stderr, "nnp_run: --epochs must be a whole number in [0, 100000000]\n");
                return 2;
            }
        } else if (std::strcmp(arg, "--format") == 0 && i + 1 < argc) {
            const std::string f = argv[++i];
            if (f != "jsonl" && f != "csv") {
                std::fprintf(stderr, "nnp_run: --format must be jsonl or csv\n");
                return 2;
            }
            csv = f == "csv";
        } else if (std::strcmp(arg, "--print-config") == 0) {
            print_config = true;
        } else if (std::strcmp(arg, "--print-link") == 0) {
            print_link = true;
        } else if (std::strcmp(arg, "--print-fields") == 0) {
            std::fputs(nnp::fields_markdown().c_str(), stdout);
            return 0;
        } else if (std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0) {
            usage();
            return 0;
        } else if (arg[0] == '-' && arg[1] == '-') {
            std::fprintf(stderr, "nnp_run: unknown option %s\n", arg);
            usage();
            return 2;
        } else {
            text += '&';
            text += arg;
        }
    }

    const nnp::DecodedConfig decoded = nnp::decode_config(text);
    if (!decoded.issues.empty()) {
        for (const nnp::ConfigIssue& issue : decoded.issues)
            std::fprintf(stderr, "nnp_run: %s\n", issue.message.c_str());
        return 2;
    }

    nnp::Session session(decoded.config);
    if (!decoded.params.empty()) {
        // The decoder checked that the count fits this network and that every value is finite.
        session.net().set_params(decoded.params);
        session.params_changed();
    }
    if (print_config) {
        const nnp::Dataset& d = session.data();
        std::fprintf(stderr, "config: %s\ndata checksum: %016llx\nweights checksum: %016llx\n",
                     nnp::encode_config(session.config()).c_str(),
                     static_cast<unsigned long long>(nnp::checksum(d.x.data(), d.x.size())),
                     static_cast<unsigned long long>(
                         nnp::checksum(session.net().params().data(), session.net().params().size())));
    }
    const bool val = session.n_val() > 0;
    if (csv) std::printf("epoch,train_loss,test_loss,train_accuracy,test_accuracy%s\n", val ? ",val_loss,val_accuracy" : "");
    print_record(session.current(), csv, val);
    for (long long e = 0; e < epochs; ++e) {
        const bool running = session.train_epoch();
        // The epoch as it was trained (after an early stop, current() holds the restored best).
        if (session.epoch() > e) print_record(*session.history().latest(), csv, val);
        if (!running) break;
    }
    if (print_link) {
        const auto params = session.net().params();
        std::fprintf(stderr, "link: #%s\n", nnp::encode_config(session.config(), params).c_str());
        if (!nnp::link_can_carry_params(session.config(), params))
            std::fprintf(stderr, "nnp_run: the weights are not in the link (more than %zu or not finite)\n",
                         nnp::kMaxLinkParams);
    }
    if (session.stop_reason() != nnp::StopReason::None) {
        std::fprintf(stderr, "nnp_run: stopped (%s): %s\n", nnp::enum_code(session.stop_reason()),
                     nnp::app::describe_stop(session).c_str());
    }
    return 0;
}
