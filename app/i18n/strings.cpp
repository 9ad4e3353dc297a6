// The string tables (see strings.hpp). English texts come from the NNP_APP_STRINGS list; the
// enumeration tooltips are keyed by core's code names so they follow the enum tables.
#include "strings.hpp"

#include "strings_tables.hpp"

#include "fields.hpp"
#include "session.hpp"

#include <array>
#include <cstddef>
#include <cstdio>

namespace nnp::app {

namespace {

constexpr std::array<const char*, static_cast<std::size_t>(Str::Count)> kEnglish = {
#define NNP_APP_STR_TEXT(id, text) text,
    NNP_APP_STRINGS(NNP_APP_STR_TEXT)
#undef NNP_APP_STR_TEXT
};

constexpr std::array<const char*, static_cast<std::size_t>(Str::Count)> kNames = {
#define NNP_APP_STR_NAME(id, text) #id,
    NNP_APP_STRINGS(NNP_APP_STR_NAME)
#undef NNP_APP_STR_NAME
};

// English enumeration labels: core's own labels are used (empty list); a translation lists
// (code, label) pairs here for its language.
// English labels where core's enum table has only a name.
constexpr CodeText kEnglishLabels[] = {
    {"bowl", "Narrow bowl"},
    {"rosenbrock", "Rosenbrock's banana"},
    {"saddle", "Saddle"},
    {"wells", "Wells of different depth"},
    {"plateau", "Plateau and cliff"},
    {"random", "Random, filter-normalised"},
    {"pca", "PCA of the trajectory"},
};

// One or two sentences on the idea behind each choice, keyed by code name.
constexpr CodeText kEnglishTips[] = {
    // Datasets
    {"circle", "One class inside a ring of the other. A straight line cannot separate them, but x1^2 + x2^2 can."},
    {"xor", "Opposite corners share a class. A single neuron fails here: XOR needs a hidden layer (or the x1*x2 feature)."},
    {"gauss", "Two clouds of points that a single straight line separates: even a perceptron learns it."},
    {"spiral", "Two interleaved spirals: needs several layers, or sin features, and patience."},
    {"moons", "Two interleaving half circles: a gently bent boundary."},
    {"blobs", "k clouds of points, one per class: the output gets one softmax unit per class."},
    {"k_spiral", "k interleaved spiral arms, one class each: a hard multi-class problem."},
    {"oyster", "One input, the shell's diameter: is the oyster ripe? Compare the hand-written 7.5 cm rule with the threshold the network learns."},
    {"reg_plane", "Regression: predict a number that grows steadily across the plane."},
    {"reg_gauss", "Regression: predict the height of six bumps, up and down."},
    {"digits", "1,797 real handwritten digits, each an 8x8 image flattened into a row of 64 numbers (0..16): ten classes."},
    {"mnist", "10,000 of MNIST's handwritten digits, 28x28 grey images: 784 numbers a row. Loaded (7.8 MB) when you pick them."},
    {"bowl", "A narrow valley, steep one way only: gradient descent zig-zags across it, momentum runs past the floor and back."},
    {"rosenbrock", "A curved banana-shaped valley: easy to fall into, hard to follow along its floor to (1, 1)."},
    {"saddle", "Uphill one way, downhill the other: near the saddle point the gradient is almost zero, and gradient descent lingers."},
    {"wells", "Three wells of different depth: where you start decides which (local) minimum you end in."},
    {"plateau", "A plateau with almost no slope that ends in a cliff: gradient descent stalls on it, Adam walks off and over the edge."},
    {"csv", "Your own table from a CSV file: paste it or drop the file on the page. Any number of inputs (up to 1,024); the label can be classes or a value."},
    // Activations
    {"linear", "Passes the sum through unchanged. Layers of linear units add up to one linear function."},
    {"step", "0 or 1, like the first perceptron. Its slope is zero everywhere, so gradient descent cannot train it."},
    {"sigmoid", "Squashes the sum into 0..1, a probability. Saturates at the ends, where gradients vanish."},
    {"tanh", "Squashes the sum into -1..1, centred on zero, which usually trains faster than sigmoid."},
    {"relu", "max(0, sum): cheap and does not saturate for positive sums, but a unit can die at zero."},
    {"leaky_relu", "Like ReLU with a small slope below zero, so no unit stops learning completely."},
    {"softmax", "Turns k outputs into probabilities that add up to 1: one per class."},
    // Losses
    {"mse", "Half the squared difference between prediction and target: for numbers."},
    {"bce", "Punishes confident wrong yes/no answers hard: the loss for probabilities of one class."},
    {"cce", "Minus the log of the probability given to the right class: the loss for k classes."},
    // Optimizers
    {"sgd", "Plain gradient descent: every weight moves against its gradient times the learning rate."},
    {"momentum", "Adds a velocity that remembers past gradients, speeding up along consistent directions."},
    {"nesterov", "Momentum that looks ahead to where the velocity is taking the weights before correcting."},
    {"adagrad", "Gives each weight its own step size that shrinks as its squared gradients pile up."},
    {"rmsprop", "Like AdaGrad but forgets old gradients, so steps do not shrink forever."},
    {"adam", "Momentum plus per-weight step sizes with a bias correction: a robust default."},
    // Regularization
    {"none", "No penalty on the weights."},
    {"l1", "Penalise the sum of |w|: many weights become exactly zero, a sparse network."},
    {"l2", "Penalise the sum of w^2: all weights shrink, large ones most."},
    // Init
    {"zeros", "All weights zero: every neuron of a layer stays identical and the network cannot learn (the symmetry problem)."},
    {"uniform", "TF Playground's start: weights uniform in -0.5..0.5."},
    {"glorot", "Scaled so signals keep their size through tanh and sigmoid layers (Glorot and Bengio)."},
    {"he", "Scaled for ReLU layers, which zero half their inputs (He et al.)."},
    // Features
    {"x1", "The horizontal coordinate."},
    {"x2", "The vertical coordinate."},
    {"x1_squared", "x1 squared: lets a single neuron draw curved boundaries."},
    {"x2_squared", "x2 squared: with x1 squared, circles become straight lines."},
    {"x1_times_x2", "x1 times x2: positive in two opposite quadrants, which is exactly XOR."},
    {"sin_x1", "sin(x1): a wave across the plane, helpful for spirals."},
    {"sin_x2", "sin(x2): a wave up the plane."},
    // Normalization (keyed "norm." + code: "none" is also a regularization)
    {"norm.none", "The inputs as they are. TF Playground's data already lies around zero in -6..6."},
    {"norm.standardize", "Subtract the training points' mean and divide by their spread: every input then has mean 0 and spread 1."},
    {"norm.minmax", "Map the training points' smallest and largest value of each input to -1 and 1."},
    {"norm.scale", "Divide every input by one number, the largest value in the training points: pixels 0..16 become 0..1."},
};

Language g_language = Language::English;

// The Korean texts indexed by id (null where a row is missing: English is shown).
const std::array<const char*, static_cast<std::size_t>(Str::Count)>& korean() {
    static const auto table = [] {
        std::array<const char*, static_cast<std::size_t>(Str::Count)> t{};
        for (std::size_t i = 0; i < kKoreanTextCount; ++i) {
            const auto k = static_cast<std::size_t>(kKoreanTexts[i].id);
            if (k < t.size()) t[k] = kKoreanTexts[i].text;
        }
        return t;
    }();
    return table;
}

const char* find_code(const CodeText* rows, std::size_t n, std::string_view code) {
    for (std::size_t i = 0; i < n; ++i)
        if (code == rows[i].code && rows[i].text[0] != '\0') return rows[i].text;
    return nullptr;
}

}  // namespace

void set_language(Language lang) { g_language = lang; }
Language language() { return g_language; }

std::optional<Language> parse_language(std::string_view code) {
    const std::string_view primary = code.substr(0, code.find_first_of("-_"));
    if (primary == "en" || primary == "EN") return Language::English;
    if (primary == "ko" || primary == "KO") return Language::Korean;
    return std::nullopt;
}

const char* language_code(Language lang) { return lang == Language::Korean ? "ko" : "en"; }

const char* tr(Str id) {
    const auto i = static_cast<std::size_t>(id);
    if (i >= kEnglish.size()) return "?";
    if (g_language == Language::Korean && korean()[i]) return korean()[i];
    return kEnglish[i];
}

std::optional<Str> str_by_name(std::string_view name) {
    for (std::size_t i = 0; i < kNames.size(); ++i)
        if (name == kNames[i]) return static_cast<Str>(i);
    return std::nullopt;
}

const char* tip(Normalization value) { return tip_for_code(std::string("norm.") + enum_code(value)); }

const char* field_label(std::string_view key) {
    const Field* f = find_field(key);
    const auto id = f ? str_by_name(f->label) : std::nullopt;
    return id ? tr(*id) : "?";
}

const char* field_tip(std::string_view key) {
    const Field* f = find_field(key);
    const auto id = f ? str_by_name(f->tip) : std::nullopt;
    return id ? tr(*id) : "";
}

std::string describe_mnist(const MnistLoad& load) {
    char text[256];
    const auto a = static_cast<unsigned long long>(load.a), b = static_cast<unsigned long long>(load.b);
    switch (load.problem) {
        case MnistProblem::None: return {};
        case MnistProblem::NotMnist: return tr(Str::MnistNotFile);
        case MnistProblem::BadHeader: std::snprintf(text, sizeof text, tr(Str::MnistBadHeaderFmt), a, b); break;
        case MnistProblem::BadSize: std::snprintf(text, sizeof text, tr(Str::MnistBadSizeFmt), a, b); break;
        case MnistProblem::BadLabel: std::snprintf(text, sizeof text, tr(Str::MnistBadLabelFmt), a, b); break;
    }
    return text;
}

std::string describe_csv_problem(const CsvProblem& p) {
    // The cell as plain text on one line.
    std::string cell = p.cell;
    for (char& c : cell)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    const auto a = static_cast<unsigned long long>(p.a), b = static_cast<unsigned long long>(p.b);
    char where[96] = "";
    if (p.line > 0 && p.column > 0) std::snprintf(where, sizeof where, tr(Str::CsvWhereLineColFmt), p.line, p.column);
    else if (p.line > 0) std::snprintf(where, sizeof where, tr(Str::CsvWhereLineFmt), p.line);
    else if (p.column > 0) std::snprintf(where, sizeof where, tr(Str::CsvWhereColFmt), p.column);
    char what[512];
    const char* c = cell.c_str();
    switch (p.code) {
        case CsvProblemCode::TooBig: std::snprintf(what, sizeof what, tr(Str::CsvTooBigFmt), a, b); break;
        case CsvProblemCode::NotText: std::snprintf(what, sizeof what, tr(Str::CsvNotTextFmt), a); break;
        case CsvProblemCode::Empty: std::snprintf(what, sizeof what, "%s", tr(Str::CsvEmpty)); break;
        case CsvProblemCode::HeaderOnly: std::snprintf(what, sizeof what, "%s", tr(Str::CsvHeaderOnly)); break;
        case CsvProblemCode::TooManyColumns:
            std::snprintf(what, sizeof what, tr(Str::CsvTooManyColumnsFmt), a, b);
            break;
        case CsvProblemCode::Utf16:
            std::snprintf(what, sizeof what, "%s", tr(a == 61 ? Str::CsvUtf16Be : Str::CsvUtf16Le));
            break;
        case CsvProblemCode::Separator:
            std::snprintf(what, sizeof what, "%s", tr(a == '\t' ? Str::CsvTab : Str::CsvSemicolon));
            break;
        case CsvProblemCode::DecimalComma: std::snprintf(what, sizeof what, tr(Str::CsvDecimalCommaFmt), c); break;
        case CsvProblemCode::TooManyRows: std::snprintf(what, sizeof what, tr(Str::CsvTooManyRowsFmt), b, a); break;
        case CsvProblemCode::Ragged: std::snprintf(what, sizeof what, tr(Str::CsvRaggedFmt), a, b); break;
        case CsvProblemCode::UnclosedQuote: std::snprintf(what, sizeof what, "%s", tr(Str::CsvUnclosedQuote)); break;
        case CsvProblemCode::Missing: std::snprintf(what, sizeof what, "%s", tr(Str::CsvMissing)); break;
        case CsvProblemCode::NonNumeric: std::snprintf(what, sizeof what, tr(Str::CsvNonNumericFmt), c); break;
        case CsvProblemCode::NotFinite: std::snprintf(what, sizeof what, tr(Str::CsvNotFiniteFmt), c); break;
        case CsvProblemCode::OutOfRange: std::snprintf(what, sizeof what, tr(Str::CsvOutOfRangeFmt), c); break;
        case CsvProblemCode::NoInputs: std::snprintf(what, sizeof what, "%s", tr(Str::CsvNoInputs)); break;
        case CsvProblemCode::BadColumn: std::snprintf(what, sizeof what, tr(Str::CsvBadColumnFmt), c); break;
        case CsvProblemCode::LabelIsInput: std::snprintf(what, sizeof what, tr(Str::CsvLabelIsInputFmt), c); break;
        case CsvProblemCode::TooManyInputs: std::snprintf(what, sizeof what, tr(Str::CsvTooManyInputsFmt), a, b); break;
        case CsvProblemCode::OneClass: std::snprintf(what, sizeof what, tr(Str::CsvOneClassFmt), c); break;
        case CsvProblemCode::TooManyClasses:
            std::snprintf(what, sizeof what, tr(Str::CsvTooManyClassesFmt), a, b);
            break;
        case CsvProblemCode::NoRows: std::snprintf(what, sizeof what, "%s", tr(Str::CsvNoRows)); break;
        case CsvProblemCode::MoreProblems: std::snprintf(what, sizeof what, tr(Str::CsvMoreProblemsFmt), a); break;
    }
    std::string text = where;
    text += what;
    // A sentence that follows "Line 3: " starts in lower case; alone it starts in upper case.
    if (!where[0] && !text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = char(text[0] - 'a' + 'A');
    return text;
}

std::string describe_model_issue(const ModelIssue& i) {
    char where[160];
    if (i.where.empty()) std::snprintf(where, sizeof where, "%s", tr(Str::ModelWhole));
    else std::snprintf(where, sizeof where, tr(Str::ModelWhereFmt), i.where.c_str());
    const auto a = static_cast<unsigned long long>(i.a), b = static_cast<unsigned long long>(i.b);
    char what[320];
    switch (i.code) {
        case ModelProblem::TooBig: std::snprintf(what, sizeof what, tr(Str::ModelTooBigFmt), a, b); break;
        case ModelProblem::TooDeep: std::snprintf(what, sizeof what, tr(Str::ModelTooDeepFmt), a); break;
        case ModelProblem::NotJson: std::snprintf(what, sizeof what, "%s", tr(Str::ModelNotJson)); break;
        case ModelProblem::NotModel: std::snprintf(what, sizeof what, "%s", tr(Str::ModelNotModel)); break;
        case ModelProblem::Version: std::snprintf(what, sizeof what, tr(Str::ModelVersionFmt), a, b); break;
        case ModelProblem::Missing: std::snprintf(what, sizeof what, "%s", tr(Str::ModelMissing)); break;
        case ModelProblem::BadValue: std::snprintf(what, sizeof what, "%s", tr(Str::ModelBadValue)); break;
        case ModelProblem::NotFinite: std::snprintf(what, sizeof what, "%s", tr(Str::ModelNotFinite)); break;
        case ModelProblem::Shape: std::snprintf(what, sizeof what, tr(Str::ModelShapeFmt), a, b); break;
        case ModelProblem::Link: std::snprintf(what, sizeof what, tr(Str::ModelLinkFmt), a); break;
    }
    return std::string(where) + what;
}

namespace {

// The format that words `text` (None has none: its sentence is the issue's message).
std::optional<Str> issue_format(IssueText text) {
    switch (text) {
        case IssueText::None: return std::nullopt;
        case IssueText::NotFinite: return Str::IssueNotFiniteFmt;
        case IssueText::OutOfRange: return Str::IssueOutOfRangeFmt;
        case IssueText::UnknownValue: return Str::IssueUnknownValueFmt;
        case IssueText::UnknownBits: return Str::IssueUnknownBitsFmt;
        case IssueText::TooManyLayers: return Str::IssueTooManyLayersFmt;
        case IssueText::SoftmaxInHidden: return Str::IssueSoftmaxInHiddenFmt;
        case IssueText::OneInputFeatures: return Str::IssueOneInputFeaturesFmt;
        case IssueText::NoFeature: return Str::IssueNoFeatureFmt;
        case IssueText::OutputDoesNotFit: return Str::IssueOutputDoesNotFitFmt;
        case IssueText::CrossEntropyNeedsProbabilities: return Str::IssueCrossEntropyNeedsProbabilitiesFmt;
        case IssueText::RaceWithEnsemble: return Str::IssueRaceWithEnsembleFmt;
        case IssueText::BoostingOnRegression: return Str::IssueBoostingOnRegressionFmt;
        case IssueText::RaceDepth: return Str::IssueRaceDepthFmt;
        case IssueText::RaceNoHiddenLayer: return Str::IssueRaceNoHiddenLayerFmt;
        case IssueText::RaceNotHiddenActivation: return Str::IssueRaceNotHiddenActivationFmt;
        case IssueText::RaceNotNumber: return Str::IssueRaceNotNumberFmt;
        case IssueText::RaceNotWholeNumber: return Str::IssueRaceNotWholeNumberFmt;
        case IssueText::RaceNotOwnSetting: return Str::IssueRaceNotOwnSettingFmt;
        case IssueText::RaceKeyNotVariable: return Str::IssueRaceKeyNotVariableFmt;
        case IssueText::RaceTooManyRuns: return Str::IssueRaceTooManyRunsFmt;
        case IssueText::RaceDuplicate: return Str::IssueRaceDuplicateFmt;
        case IssueText::RaceTooFewRuns: return Str::IssueRaceTooFewRunsFmt;
        case IssueText::RaceMoreProblems: return Str::IssueRaceMoreProblemsFmt;
        case IssueText::NotWholeNumber: return Str::IssueNotWholeNumberFmt;
        case IssueText::NotNumberValue: return Str::IssueNotNumberValueFmt;
        case IssueText::NotZeroOrOne: return Str::IssueNotZeroOrOneFmt;
        case IssueText::NotTrueOrFalse: return Str::IssueNotTrueOrFalseFmt;
        case IssueText::NotSeed: return Str::IssueNotSeedFmt;
        case IssueText::NotRaceText: return Str::IssueNotRaceTextFmt;
        case IssueText::PointsTooMany: return Str::IssuePointsTooManyFmt;
        case IssueText::PointsMalformed: return Str::IssuePointsMalformedFmt;
        case IssueText::UnknownName: return Str::IssueUnknownNameFmt;
        case IssueText::MoreProblems: return Str::IssueMoreProblemsFmt;
        case IssueText::WeightsTooMany: return Str::IssueWeightsTooManyFmt;
        case IssueText::WeightsNotBase64: return Str::IssueWeightsNotBase64Fmt;
        case IssueText::WeightsNotFloats: return Str::IssueWeightsNotFloatsFmt;
        case IssueText::WeightsCount: return Str::IssueWeightsCountFmt;
        case IssueText::WeightNotFinite: return Str::IssueWeightNotFiniteFmt;
        case IssueText::UnknownFeature: return Str::IssueUnknownFeatureFmt;
        case IssueText::LinkTooManyLayers: return Str::IssueLinkTooManyLayersFmt;
        case IssueText::LayerExtra: return Str::IssueLayerExtraFmt;
        case IssueText::NewerVersion: return Str::IssueNewerVersionFmt;
        case IssueText::UnknownKey: return Str::IssueUnknownKeyFmt;
        case IssueText::RaceTooManyValues: return Str::IssueRaceTooManyValuesFmt;
        case IssueText::LinkTooLong: return Str::IssueLinkTooLongFmt;
        case IssueText::NoEquals: return Str::IssueNoEqualsFmt;
        case IssueText::TfDatasetElsewhere: return Str::IssueTfDatasetElsewhereFmt;
        case IssueText::TfNoCosine: return Str::IssueTfNoCosineFmt;
    }
    return std::nullopt;
}

}  // namespace

std::string describe_issue(const ConfigIssue& issue) {
    const std::optional<Str> format = issue_format(issue.text);
    std::string out = issue.context.empty() ? std::string() : issue.context + ": ";
    if (!format) return out + issue.message;
    // The formats take only %s (and %%), so each is filled from the args in order, whatever
    // their count: a missing arg is left empty, never read past.
    // An output's or task's code is shown as its label in the page's language.
    const bool codes = issue.text == IssueText::OutputDoesNotFit;
    std::size_t next = 0;
    for (const char* p = tr(*format); *p; ++p) {
        if (p[0] == '%' && p[1] == 's') {
            if (next < issue.args.size())
                out += codes ? label_for_code(issue.args[next], issue.args[next].c_str()) : issue.args[next].c_str();
            ++next, ++p;
        } else if (p[0] == '%' && p[1] == '%') {
            out += '%', ++p;
        } else {
            out += *p;
        }
    }
    return out;
}

std::string describe_stop(const Session& s) {
    char text[320];
    switch (s.stop_reason()) {
        case StopReason::None: return {};
        case StopReason::NonFiniteLoss:
            std::snprintf(text, sizeof text, tr(Str::DivergedFmt), static_cast<long long>(s.stop_epoch()));
            return text;
        case StopReason::EarlyStopped: {
            const Str watched = s.watched_loss() == WatchedLoss::Validation ? Str::ValLossWord : Str::TrainLossWord;
            std::snprintf(text, sizeof text, tr(Str::EarlyStoppedFmt), tr(watched), s.config().patience,
                          static_cast<long long>(s.stop_epoch()), static_cast<long long>(s.best_epoch()));
            return text;
        }
    }
    return {};
}

const char* label_for_code(std::string_view code, const char* fallback) {
    if (g_language == Language::Korean)
        if (const char* t = find_code(kKoreanLabels, kKoreanLabelCount, code)) return t;
    if (const char* t = find_code(kEnglishLabels, std::size(kEnglishLabels), code)) return t;
    return fallback ? fallback : "?";
}

const char* tip_for_code(std::string_view code) {
    if (g_language == Language::Korean)
        if (const char* t = find_code(kKoreanTips, kKoreanTipCount, code)) return t;
    return find_code(kEnglishTips, std::size(kEnglishTips), code);
}

}  // namespace nnp::app
