// nnp_run: the command-line runner. Trains one experiment, given as key=value arguments, a share
// link (also one carrying trained weights, which then start the training) or a TF Playground
// link, for N epochs and prints the per-epoch history as JSON lines or CSV; a race's runs side
// by side, with each line's run index and name.
// A bad config exits with status 2 and names each problem; nothing is silently changed.
#include "app_state.hpp"
#include "config_codec.hpp"
#include "export.hpp"
#include "backprop_walk.hpp"
#include "fields.hpp"
#include "landscape.hpp"
#include "model_file.hpp"
#include "ensemble.hpp"
#include "race.hpp"
#include "session.hpp"
#include "surfaces.hpp"
#include "strings.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace {

void usage() {
    std::fprintf(stderr,
                 "usage: nnp_run [--epochs N] [--format jsonl|csv] [--print-config] [--print-link]\n"
                 "               [key=value ...]\n"
                 "  key=value pairs are those of a share link, e.g. data=spiral net=8:relu,8:relu opt=adam lr=0.01\n"
                 "  a whole link also works: 'v=1&data=xor&net=4:tanh', or a TF Playground link\n"
                 "  --print-link: after training, print a link with the trained weights to stderr\n"
                 "  --print-fields: print the table of keys (Markdown) and exit\n"
                 "  --lang en|ko: the language of the notes on stderr (also lang= in the link)\n"
                 "  a race (race=opt:sgd,adam or race=seed:1,2,3) prints every run's epochs with its run and name\n"
                 "  an ensemble (ens=bagging&members=7, ens=boosting&members=10&lepochs=20) prints the ensemble's\n"
                 "    numbers and its members' mean (members_mean_*) every epoch, or every learner added\n"
                 "  --data-csv FILE [--label COLUMN] [--inputs A,B,...]: train on a CSV file's columns (by name or\n"
                 "    1-based number; default: the last column is the label, every other one an input), split\n"
                 "    and normalised as the page does; each problem of the file is named on stderr\n"
                 "  --load-model F.json: start from a model file (its experiment and weights; key=value pairs add to it)\n"
                 "  --save-model F.json: after training, write the model file (of run 0 in a race)\n"
                 "  --history-csv F.csv: after training, write every run's history as CSV\n"
                 "  --surface bowl|rosenbrock|saddle|wells|plateau [--start X,Y] [--steps N] [--surface-lr LR]:\n"
                 "    every optimizer's path down that loss surface, one JSON line each (nothing is trained)\n"
                 "  --landscape N [--landscape-dirs random|pca]: after training, the loss over an N x N slice\n"
                 "    around the trained weights (and, for pca, the projected path) as one JSON line on stdout\n"
                 "  --backprop I: after training, backpropagation on training sample I (0-based) as one JSON\n"
                 "    line: each layer's inputs, z, a, dL/da, dL/dz, dL/dw, dL/db and the optimizer's update\n");
}


// One epoch of one run. The validation columns are there only when the experiment has a
// validation split; a race's lines start with the run's index and name.
struct Printer {
    bool csv = false, val = false, race = false;

    void header() const {
        if (!csv) return;
        std::printf("%sepoch,train_loss,test_loss,train_accuracy,test_accuracy%s\n", race ? "run,name," : "",
                    val ? ",val_loss,val_accuracy" : "");
    }
    void record(const nnp::EpochRecord& r, std::size_t run, const std::string& name) const {
        const auto e = static_cast<long long>(r.epoch);
        const double tl = r.train_loss, sl = r.test_loss, ta = r.train_accuracy, sa = r.test_accuracy;
        if (csv) {
            if (race) std::printf("%zu,\"%s\",", run, name.c_str());  // names hold no quotes
            std::printf("%lld,%.9g,%.9g,%.6g,%.6g", e, tl, sl, ta, sa);
            if (val) std::printf(",%.9g,%.6g", double(r.val_loss), double(r.val_accuracy));
            std::printf("\n");
            return;
        }
        std::printf("{");
        if (race) std::printf("\"run\":%zu,\"name\":\"%s\",", run, name.c_str());
        std::printf("\"epoch\":%lld,\"train_loss\":%.9g,\"test_loss\":%.9g,\"train_accuracy\":%.6g,"
                    "\"test_accuracy\":%.6g",
                    e, tl, sl, ta, sa);
        if (val) std::printf(",\"val_loss\":%.9g,\"val_accuracy\":%.6g", double(r.val_loss), double(r.val_accuracy));
        std::printf("}\n");
    }
};

// An ensemble (ens=bagging, boosting or stacking): one line at the start and after every epoch
// of the members (bagging, stacking) or every added learner (boosting, up to members=), with the
// ensemble's numbers and its members' mean; boosting adds the learner's alpha and weighted
// error, stacking the meta-learner's weight for each base learner.
int run_ensemble(const nnp::ExperimentConfig& cfg, long long epochs, bool csv) {
    nnp::EnsembleRun ens(cfg);
    const bool boosting = cfg.ensemble.kind == nnp::EnsembleKind::Boosting;
    const bool stacking = ens.stacking();
    if (csv) {
        std::printf("epoch,members,train_loss,test_loss,train_accuracy,test_accuracy,members_mean_train_loss,"
                    "members_mean_test_loss,members_mean_train_accuracy,members_mean_test_accuracy%s",
                    boosting ? ",alpha,error" : "");
        if (stacking)
            for (std::size_t k = 0; k < ens.members().size(); ++k) std::printf(",meta_weight_%zu", k + 1);
        std::printf("\n");
    }
    const auto print = [&] {
        const nnp::EnsembleRecord r = ens.record();
        const double alpha = r.alpha, error = r.error;  // copies: GCC 12 warns of a dangling r
        const auto e = static_cast<long long>(r.epoch);
        const std::size_t m = ens.members().size();
        if (csv) {
            std::printf("%lld,%zu,%.9g,%.9g,%.6g,%.6g,%.9g,%.9g,%.6g,%.6g", e, m, double(r.train_loss),
                        double(r.test_loss), double(r.train_accuracy), double(r.test_accuracy),
                        double(r.members_mean_train_loss), double(r.members_mean_test_loss),
                        double(r.members_mean_train_accuracy), double(r.members_mean_test_accuracy));
            if (boosting) std::printf(",%.9g,%.9g", alpha, error);
            if (stacking)
                for (const float w : ens.meta_weights()) std::printf(",%.6g", double(w));
            std::printf("\n");
            return;
        }
        std::printf("{\"epoch\":%lld,\"members\":%zu,\"train_loss\":%.9g,\"test_loss\":%.9g,\"train_accuracy\":%.6g,"
                    "\"test_accuracy\":%.6g,\"members_mean_train_loss\":%.9g,\"members_mean_test_loss\":%.9g,"
                    "\"members_mean_train_accuracy\":%.6g,\"members_mean_test_accuracy\":%.6g",
                    e, m, double(r.train_loss), double(r.test_loss), double(r.train_accuracy), double(r.test_accuracy),
                    double(r.members_mean_train_loss), double(r.members_mean_test_loss),
                    double(r.members_mean_train_accuracy), double(r.members_mean_test_accuracy));
        if (boosting) std::printf(",\"alpha\":%.9g,\"error\":%.9g", alpha, error);
        if (stacking) {
            const char* sep = "";
            std::printf(",\"meta_weights\":[");
            for (const float w : ens.meta_weights()) std::printf("%s%.6g", sep, double(w)), sep = ",";
            std::printf("]");
        }
        std::printf("}\n");
    };
    if (boosting) {
        while (ens.advance()) print();
        if (int(ens.members().size()) < ens.config().ensemble.members)
            std::fprintf(stderr, "nnp_run: boosting stopped at %zu learners: the next one was no better than chance "
                                 "(weighted error %.4g)\n", ens.members().size(), ens.record().error);
        return 0;
    }
    print();
    for (long long e = 0; e < epochs; ++e)
        if (ens.advance()) print();
        else break;
    return 0;
}

// The user's data from a CSV file, as the page makes it: every problem of the file is printed,
// and null comes back when no data can be made.
std::shared_ptr<const nnp::UserData> read_csv_file(const std::string& path, const std::string& label,
                                                   const std::string& inputs) {
    const auto say = [&](const nnp::CsvProblem& p) {
        std::fprintf(stderr, "nnp_run: %s: %s\n", path.c_str(), nnp::app::describe_csv_problem(p).c_str());
    };
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    std::ifstream in(path, std::ios::binary);
    if (error || !in) {
        std::fprintf(stderr, "nnp_run: --data-csv %s cannot be opened\n", path.c_str());
        return nullptr;
    }
    if (size > nnp::kMaxCsvBytes) {  // refused unread
        say({nnp::CsvProblemCode::TooBig, 0, 0, size, nnp::kMaxCsvBytes, {}});
        return nullptr;
    }
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const nnp::CsvTable table = nnp::read_csv(bytes);
    nnp::CsvChoice choice;
    std::vector<nnp::CsvProblem> bad_names;
    const auto column = [&](const std::string& name) {
        const int j = nnp::find_column(table, name);
        if (j < 0 && table.ok) bad_names.push_back({nnp::CsvProblemCode::BadColumn, 0, 0, 0, 0, name});
        return j;
    };
    if (!label.empty()) choice.label = column(label);
    for (std::size_t start = 0; !inputs.empty() && start <= inputs.size();) {
        const std::size_t comma = std::min(inputs.find(',', start), inputs.size());
        if (const int j = column(inputs.substr(start, comma - start)); j >= 0) choice.inputs.push_back(j);
        start = comma + 1;
    }
    if (!bad_names.empty()) {
        for (const nnp::CsvProblem& p : table.problems) say(p);
        for (const nnp::CsvProblem& p : bad_names) say(p);
        return nullptr;
    }
    const nnp::UserDataRead made = nnp::make_user_data(table, choice);
    for (const nnp::CsvProblem& p : made.problems) say(p);
    return made.data;
}

// --surface: each of the six optimizers (their hyperparameters from the link's keys, the rate
// from --surface-lr or the surface's own) from one start, as JSON lines.
int print_surface_paths(const std::string& name, const std::string& start_text, long long steps,
                        const std::string& lr_text, const nnp::OptimizerParams& base) {
    const auto kind = nnp::enum_parse<nnp::SurfaceKind>(name);
    if (!kind) {
        std::fprintf(stderr, "nnp_run: --surface %s is not a surface (bowl, rosenbrock, saddle, wells, plateau)\n",
                     name.c_str());
        return 2;
    }
    const nnp::SurfaceInfo& info = nnp::surface_info(*kind);
    nnp::SurfacePoint start = info.start;
    if (!start_text.empty()) {
        char* end = nullptr;
        start.x = std::strtod(start_text.c_str(), &end);
        const bool comma = *end == ',';
        start.y = comma ? std::strtod(end + 1, &end) : 0.0;
        const nnp::Domain& d = info.domain;
        if (!comma || *end != '\0' || !(start.x >= d.x_min && start.x <= d.x_max && start.y >= d.y_min && start.y <= d.y_max)) {
            std::fprintf(stderr, "nnp_run: --start must be X,Y inside the surface's [%g, %g] x [%g, %g]\n",
                         double(d.x_min), double(d.x_max), double(d.y_min), double(d.y_max));
            return 2;
        }
    }
    float lr = info.learning_rate;
    if (!lr_text.empty()) {
        char* end = nullptr;
        lr = std::strtof(lr_text.c_str(), &end);
        if (*end != '\0' || !(lr > 0.0f && lr <= nnp::kMaxLearningRate)) {
            std::fprintf(stderr, "nnp_run: --surface-lr must be a number in (0, %g]\n", double(nnp::kMaxLearningRate));
            return 2;
        }
    }
    if (steps < 0 || steps > nnp::kMaxSurfaceSteps) {
        std::fprintf(stderr, "nnp_run: --steps must be a whole number in [0, %d]\n", nnp::kMaxSurfaceSteps);
        return 2;
    }
    for (const auto& e : nnp::enum_table<nnp::OptimizerKind>()) {
        nnp::OptimizerParams p = base;
        p.kind = e.value;
        p.learning_rate = lr;
        const nnp::SurfacePath path = nnp::surface_path(*kind, p, start, int(steps));
        std::printf("{\"surface\":\"%s\",\"optimizer\":\"%s\",\"learning_rate\":%.9g,\"steps\":%zu,\"diverged\":%s",
                    nnp::enum_code(*kind), e.code, double(lr), path.points.size() - 1, path.diverged ? "true" : "false");
        const auto list = [&](const char* key, auto get) {
            std::printf(",\"%s\":[", key);
            for (std::size_t k = 0; k < path.points.size(); ++k) std::printf(k ? ",%.9g" : "%.9g", get(k));
            std::printf("]");
        };
        list("x", [&](std::size_t k) { return path.points[k].x; });
        list("y", [&](std::size_t k) { return path.points[k].y; });
        list("value", [&](std::size_t k) { return path.values[k]; });
        std::printf("}\n");
    }
    return 0;
}

// --landscape: the slice around the trained weights of `s` as one JSON line.
void print_landscape(const nnp::Session& s, int n, nnp::LandscapeDirs dirs_kind) {
    nnp::LandscapeDirections dirs = dirs_kind == nnp::LandscapeDirs::Pca
                                        ? nnp::pca_directions(s.trajectory(), s.net().params())
                                        : nnp::random_directions(s.net(), s.config().seed);
    if (!dirs.ok) {
        std::fprintf(stderr, "nnp_run: --landscape-dirs pca needs at least 3 epochs of training (the trajectory)\n");
        return;
    }
    nnp::ProjectedPath path;
    if (dirs_kind == nnp::LandscapeDirs::Pca) path = nnp::project_path(s.trajectory(), s.net().params(), dirs);
    const nnp::LandscapeRange r = nnp::landscape_range(dirs_kind, path);
    nnp::LandscapeJob job(s, dirs, n, r.a_lo, r.a_hi, r.b_lo, r.b_hi);
    if (job.clamped())
        std::fprintf(stderr, "nnp_run: --landscape %d was clamped to %d (grids are %d to %d a side)\n", n, job.n(),
                     nnp::kMinLandscapeGrid, nnp::kMaxLandscapeGrid);
    job.step(job.n() * job.n());
    std::printf("{\"landscape\":\"%s\",\"n\":%d,\"explained\":[%.6g,%.6g],\"alpha\":[", nnp::enum_code(dirs_kind), job.n(),
                dirs.explained1, dirs.explained2);
    for (int i = 0; i < job.n(); ++i) std::printf(i ? ",%.6g" : "%.6g", job.alpha(i));
    std::printf("],\"beta\":[");
    for (int j = 0; j < job.n(); ++j) std::printf(j ? ",%.6g" : "%.6g", job.beta(j));
    std::printf("],\"loss\":[");
    for (int j = 0; j < job.n(); ++j) {
        std::printf(j ? ",[" : "[");
        for (int i = 0; i < job.n(); ++i) std::printf(i ? ",%.9g" : "%.9g", job.loss()[std::size_t(j * job.n() + i)]);
        std::printf("]");
    }
    std::printf("]");
    if (dirs_kind == nnp::LandscapeDirs::Pca) {
        std::printf(",\"path\":{\"a\":[");
        for (std::size_t i = 0; i < path.a.size(); ++i) std::printf(i ? ",%.6g" : "%.6g", path.a[i]);
        std::printf("],\"b\":[");
        for (std::size_t i = 0; i < path.b.size(); ++i) std::printf(i ? ",%.6g" : "%.6g", path.b[i]);
        std::printf("],\"max_off_plane\":%.4g,\"mean_off_plane\":%.4g}", path.max_off_plane, path.mean_off_plane);
    }
    std::printf(",\"centre_loss\":%.9g}\n", double(s.current().train_loss));
}

void print_floats(const char* key, const std::vector<float>& v) {
    std::printf(",\"%s\":[", key);
    for (std::size_t i = 0; i < v.size(); ++i) std::printf(i ? ",%.9g" : "%.9g", double(v[i]));
    std::printf("]");
}

// --backprop: the walk-through of one training sample of `s` as one JSON line.
bool print_backprop(const nnp::Session& s, long long sample) {
    const auto w = sample <= INT32_MAX ? nnp::backprop_walk(s, int(sample)) : std::nullopt;
    if (!w) {
        std::fprintf(stderr, "nnp_run: --backprop %lld is not a training sample (0 to %d)\n", sample, s.n_train() - 1);
        return false;
    }
    std::printf("{\"backprop\":%d,\"loss\":\"%s\",\"loss_value\":%.9g,\"penalty\":%.9g,\"optimizer\":\"%s\"", w->sample,
                nnp::enum_code(w->loss), w->loss_value, w->penalty, nnp::enum_code(w->optimizer.kind));
    print_floats("target", w->target);
    std::printf(",\"layers\":[");
    for (std::size_t l = 0; l < w->layers.size(); ++l) {
        const nnp::LayerWalk& L = w->layers[l];
        std::printf("%s{\"layer\":%zu,\"fan_in\":%d,\"fan_out\":%d,\"activation\":\"%s\"", l ? "," : "", l, L.fan_in,
                    L.fan_out, nnp::enum_code(L.activation));
        print_floats("input", L.input);
        print_floats("z", L.z);
        print_floats("a", L.a);
        print_floats("dl_da", L.dl_da);
        print_floats("dl_dz", L.dl_dz);
        print_floats("dl_dw", L.dl_dw);
        print_floats("dl_db", L.dl_db);
        print_floats("dl_dinput", L.dl_dinput);
        print_floats("w", L.w);
        print_floats("b", L.b);
        print_floats("w_after", L.w_after);
        print_floats("b_after", L.b_after);
        std::printf("}");
    }
    std::printf("]}\n");
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    long long epochs = 100;
    bool csv = false, print_config = false, print_link = false;
    std::string text, csv_path, csv_label, csv_inputs, load_model, save_model, history_path;
    std::string surface, surface_start, surface_lr;
    long long surface_steps = 200;
    int landscape = 0;  // grid side; 0: none
    long long backprop = -1;  // training sample; -1: none
    nnp::LandscapeDirs landscape_dirs = nnp::LandscapeDirs::Random;
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
        } else if (std::strcmp(arg, "--data-csv") == 0 && i + 1 < argc) {
            csv_path = argv[++i];
        } else if (std::strcmp(arg, "--label") == 0 && i + 1 < argc) {
            csv_label = argv[++i];
        } else if (std::strcmp(arg, "--inputs") == 0 && i + 1 < argc) {
            csv_inputs = argv[++i];
        } else if (std::strcmp(arg, "--surface") == 0 && i + 1 < argc) {
            surface = argv[++i];
        } else if (std::strcmp(arg, "--start") == 0 && i + 1 < argc) {
            surface_start = argv[++i];
        } else if (std::strcmp(arg, "--surface-lr") == 0 && i + 1 < argc) {
            surface_lr = argv[++i];
        } else if (std::strcmp(arg, "--steps") == 0 && i + 1 < argc) {
            char* end = nullptr;
            surface_steps = std::strtoll(argv[++i], &end, 10);
            if (*end != '\0') surface_steps = -1;  // refused below with the range
        } else if (std::strcmp(arg, "--landscape") == 0 && i + 1 < argc) {
            char* end = nullptr;
            const long long n = std::strtoll(argv[++i], &end, 10);
            if (*end != '\0' || n < 1 || n > 1000000) {
                std::fprintf(stderr, "nnp_run: --landscape must be a grid side, e.g. 31 (%d to %d are computed)\n",
                             nnp::kMinLandscapeGrid, nnp::kMaxLandscapeGrid);
                return 2;
            }
            landscape = int(n);
        } else if (std::strcmp(arg, "--backprop") == 0 && i + 1 < argc) {
            char* end = nullptr;
            backprop = std::strtoll(argv[++i], &end, 10);
            if (*end != '\0' || backprop < 0) {
                std::fprintf(stderr, "nnp_run: --backprop must be a training sample's number, e.g. 0\n");
                return 2;
            }
        } else if (std::strcmp(arg, "--landscape-dirs") == 0 && i + 1 < argc) {
            const auto d = nnp::enum_parse<nnp::LandscapeDirs>(argv[++i]);
            if (!d) {
                std::fprintf(stderr, "nnp_run: --landscape-dirs must be random or pca\n");
                return 2;
            }
            landscape_dirs = *d;
        } else if (std::strcmp(arg, "--load-model") == 0 && i + 1 < argc) {
            load_model = argv[++i];
        } else if (std::strcmp(arg, "--save-model") == 0 && i + 1 < argc) {
            save_model = argv[++i];
        } else if (std::strcmp(arg, "--history-csv") == 0 && i + 1 < argc) {
            history_path = argv[++i];
        } else if (std::strcmp(arg, "--print-config") == 0) {
            print_config = true;
        } else if (std::strcmp(arg, "--print-link") == 0) {
            print_link = true;
        } else if (std::strcmp(arg, "--lang") == 0 && i + 1 < argc) {
            const auto lang = nnp::app::parse_language(argv[++i]);
            if (!lang) {
                std::fprintf(stderr, "nnp_run: --lang must be en or ko\n");
                return 2;
            }
            nnp::app::set_language(*lang);
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

    // lang= is the app's own key (the language of the notes), not the experiment's.
    std::string unknown_language;
    if (const auto lang = nnp::app::take_language(text, &unknown_language)) nnp::app::set_language(*lang);
    if (!unknown_language.empty()) {
        std::fprintf(stderr, "nnp_run: lang=%s is not a known language (en, ko)\n", unknown_language.c_str());
        return 2;
    }
    // A model file's experiment comes first; the command line's pairs add to it.
    std::optional<nnp::ModelFile> model;
    if (!load_model.empty()) {
        std::ifstream in(load_model, std::ios::binary);
        std::error_code size_error;
        const std::uintmax_t size = std::filesystem::file_size(load_model, size_error);
        if (!in || size_error) {
            std::fprintf(stderr, "nnp_run: --load-model %s cannot be opened\n", load_model.c_str());
            return 2;
        }
        std::string bytes;
        if (size <= nnp::kMaxModelBytes) bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        else bytes.assign(nnp::kMaxModelBytes + 1, ' ');  // refused by its size, unread
        nnp::ModelRead read = nnp::read_model_json(bytes);
        for (const nnp::ModelIssue& issue : read.issues)
            std::fprintf(stderr, "nnp_run: %s: %s\n", load_model.c_str(), nnp::app::describe_model_issue(issue).c_str());
        for (const nnp::ConfigIssue& issue : read.link_issues)
            std::fprintf(stderr, "nnp_run: %s: %s\n", load_model.c_str(), nnp::app::describe_issue(issue).c_str());
        if (!read.model || !read.issues.empty()) return 2;
        model = std::move(read.model);
        text = nnp::encode_config(model->config) + "&" + text;  // clicked points (pts=) included
    }
    if (csv_path.empty() && (!csv_label.empty() || !csv_inputs.empty())) {
        std::fprintf(stderr, "nnp_run: --label and --inputs choose columns of --data-csv FILE\n");
        return 2;
    }
    if (!csv_path.empty()) {
        // The file's data: the link's other keys apply to it, and its defaults follow data=csv.
        std::string keys = "&" + text;
        std::replace(keys.begin(), keys.end(), '#', '&');
        std::replace(keys.begin(), keys.end(), '?', '&');
        if (keys.find("&data=") != std::string::npos && keys.find("&data=csv") == std::string::npos) {
            std::fprintf(stderr, "nnp_run: --data-csv trains on the file, so data= must be csv or left out\n");
            return 2;
        }
        text += "&data=csv";
    }
    nnp::DecodedConfig decoded = nnp::decode_config(text);
    if (!decoded.issues.empty()) {
        for (const nnp::ConfigIssue& issue : decoded.issues)
            std::fprintf(stderr, "nnp_run: %s\n", nnp::app::describe_issue(issue).c_str());
        return 2;
    }
    if (!surface.empty()) return print_surface_paths(surface, surface_start, surface_steps, surface_lr, decoded.config.optimizer);
    if (decoded.config.data.kind == nnp::DatasetKind::Csv) {
        if (csv_path.empty()) {
            std::fprintf(stderr, "nnp_run: data=csv needs its rows: --data-csv FILE (links do not carry them)\n");
            return 2;
        }
        nnp::ExperimentConfig before = decoded.config;
        decoded.config.data.user = read_csv_file(csv_path, csv_label, csv_inputs);
        if (!decoded.config.data.user) return 2;
        nnp::follow_defaults(before, decoded.config);  // e.g. x1 alone for a file of one input
    }
    // MNIST's images come from mnist.bin beside this program (the build folder).
    if (decoded.config.data.kind == nnp::DatasetKind::Mnist) {
        std::string error;
        if (!nnp::app::load_mnist_beside(argv[0], error)) {
            std::fprintf(stderr, "nnp_run: data=mnist needs MNIST's images, and %s (scripts/setup.sh fetches "
                                 "them; the build packs them into mnist.bin)\n", error.c_str());
            return 2;
        }
    }

    if (decoded.config.ensemble.kind != nnp::EnsembleKind::None) return run_ensemble(decoded.config, epochs, csv);

    // One session per run: a race's runs (race.hpp), or the one experiment.
    const std::vector<nnp::ExperimentConfig> configs = nnp::race_configs(decoded.config);
    std::vector<nnp::Session> runs;
    std::vector<std::string> names;
    runs.reserve(configs.size());
    for (std::size_t i = 0; i < configs.size(); ++i) {
        runs.emplace_back(configs[i]);
        names.push_back(nnp::race_run_name(decoded.config.race, configs[i], i));
        // The decoder checked the count against the base network; a run of another shape
        // (a width or depth race) starts from its own initial weights.
        if (!decoded.params.empty() && runs.back().net().set_params(decoded.params)) runs.back().params_changed();
        if (model && !nnp::apply_model(runs.back(), *model)) {
            std::fprintf(stderr, "nnp_run: %s\n", nnp::app::tr(nnp::app::Str::ModelWrongShape));
            return 2;
        }
    }
    if (print_config) {
        for (const nnp::Session& session : runs) {
            const nnp::Dataset& d = session.data();
            std::fprintf(stderr, "config: %s\ndata checksum: %016llx\nweights checksum: %016llx\n",
                         nnp::encode_config(session.config()).c_str(),
                         static_cast<unsigned long long>(nnp::checksum(d.x.data(), d.x.size())),
                         static_cast<unsigned long long>(
                             nnp::checksum(session.net().params().data(), session.net().params().size())));
        }
    }
    Printer out{csv, runs.front().n_val() > 0, !decoded.config.race.empty()};
    out.header();
    for (std::size_t i = 0; i < runs.size(); ++i) out.record(runs[i].current(), i, names[i]);
    // All runs advance together, epoch by epoch; a stopped run stops alone.
    std::vector<bool> running(runs.size(), true);
    for (long long e = 0; e < epochs; ++e) {
        bool any = false;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            if (!running[i]) continue;
            running[i] = runs[i].train_epoch();
            // The epoch as it was trained (after an early stop, current() holds the restored best).
            if (runs[i].epoch() > e) out.record(*runs[i].history().latest(), i, names[i]);
            any = any || running[i];
        }
        if (!any) break;
    }
    const auto write = [](const std::string& path, const std::string& bytes) {
        std::ofstream out(path, std::ios::binary);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        if (!out) std::fprintf(stderr, "nnp_run: %s could not be written\n", path.c_str());
        return bool(out);
    };
    if (!save_model.empty() && !write(save_model, nnp::write_model_json(runs.front()))) return 1;
    if (landscape > 0) print_landscape(runs.front(), landscape, landscape_dirs);
    if (backprop >= 0 && !print_backprop(runs.front(), backprop)) return 2;
    if (!history_path.empty()) {
        std::vector<nnp::app::HistoryRun> all;
        for (std::size_t i = 0; i < runs.size(); ++i) all.push_back({&runs[i], out.race ? names[i] : std::string()});
        if (!write(history_path, nnp::app::history_csv(all))) return 1;
    }
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const nnp::Session& session = runs[i];
        const std::string who = out.race ? " (run " + std::to_string(i) + ", " + names[i] + ")" : "";
        if (print_link) {
            const auto params = session.net().params();
            std::fprintf(stderr, "link%s: #%s\n", who.c_str(), nnp::encode_config(session.config(), params).c_str());
            if (!nnp::link_can_carry_params(session.config(), params))
                std::fprintf(stderr, "nnp_run: the weights are not in the link (more than %zu or not finite)\n",
                             nnp::kMaxLinkParams);
        }
        if (session.stop_reason() != nnp::StopReason::None) {
            std::fprintf(stderr, "nnp_run: stopped%s (%s): %s\n", who.c_str(), nnp::enum_code(session.stop_reason()),
                         nnp::app::describe_stop(session).c_str());
        }
    }
    return 0;
}
