// The experiment config: one copyable, comparable struct holding everything that defines an
// experiment (data, features, network, loss, optimizer, regularisation, training, display), the
// single source for the UI, the link codec and the command-line runner. validate() clamps every
// bad value to its allowed range and names the field, the allowed range and what it did.
#pragma once

#include "dataset.hpp"
#include "features.hpp"
#include "mlp.hpp"
#include "normalize.hpp"
#include "optimizer.hpp"
#include "regularization.hpp"

#include <string>
#include <vector>

namespace nnp {

constexpr int kMinPoints = 10, kMaxPoints = 10000;
constexpr int kMaxHiddenLayers = 16;
constexpr int kMaxLayerWidth = 256;
constexpr int kMaxBatchSize = 10000;
constexpr int kMaxPatience = 100000;
constexpr float kMaxDropout = 0.9f;
constexpr float kMaxLearningRate = 10.0f;
constexpr float kMaxRegRate = 10.0f;
constexpr float kMaxValidationPercent = 50.0f;
// The validation share that early stopping gets when a link or the UI does not set one.
constexpr float kDefaultValidationPercent = 20.0f;

// Several runs that differ in one setting (race.hpp): the key of the varied setting and the
// runs' values in canonical link text; empty: a single run.
struct RaceSpec {
    std::string key;
    std::vector<std::string> values;
    bool empty() const { return key.empty(); }
    bool operator==(const RaceSpec&) const = default;
};

// An ensemble (ensemble.hpp): members of this experiment's network that vote. Bagging trains
// them side by side, each on its own bootstrap sample; boosting one after another on
// re-weighted rows (classes only); stacking's members are the runs of the race (different base
// learners), combined by a meta-learner trained on their out-of-fold predictions (stacking.hpp).
// None: a single run (or a race).
enum class EnsembleKind { None, Bagging, Boosting, Stacking };
template <>
std::span<const EnumEntry<EnsembleKind>> enum_table<EnsembleKind>();
constexpr int kMinMembers = 2;
constexpr int kMaxMembers = 15;
constexpr int kMaxLearnerEpochs = 1000;
constexpr int kMinFolds = 2;
constexpr int kMaxFolds = 10;

struct EnsembleSpec {
    EnsembleKind kind = EnsembleKind::None;
    int members = 7;          // [kMinMembers, kMaxMembers]
    int learner_epochs = 20;  // boosting: epochs each learner trains before the next is added
    int folds = 5;            // stacking: k of the k-fold split that gives the out-of-fold predictions
    bool operator==(const EnsembleSpec&) const = default;
};

struct ExperimentConfig {
    DatasetSpec data;
    FeatureMask features = kDefaultFeatures;
    std::vector<LayerSpec> hidden = {{4, Activation::Tanh, 0.0f}, {2, Activation::Tanh, 0.0f}};
    Activation output = Activation::Sigmoid;
    Loss loss = Loss::BinaryCrossEntropy;
    Init init = Init::Glorot;
    OptimizerParams optimizer;
    Regularization regularization = Regularization::None;
    float reg_rate = 0.0f;           // [0, kMaxRegRate]
    int batch_size = 10;             // [1, kMaxBatchSize]; larger than the training set = full batch
    bool shuffle = true;             // false: batches in file order every epoch
    std::uint32_t seed = 1;          // initial weights, batch order, dropout masks
    // Input normalisation (normalize.hpp); its default follows the data set (default_normalization).
    Normalization normalization = Normalization::None;
    // Share of the non-test points held out for validation, [0, kMaxValidationPercent]. Its
    // default follows early stopping: kDefaultValidationPercent with it, 0 without.
    float validation_percent = 0.0f;
    bool early_stopping = false;
    int patience = 50;               // epochs without a better watched loss, [1, kMaxPatience]
    // Display only (never change training):
    bool show_test = false;
    bool discretize = false;
    // Runs side by side on top of this experiment (race.hpp).
    RaceSpec race;
    EnsembleSpec ensemble;

    bool operator==(const ExperimentConfig&) const = default;
};

// Codes come from one list so a test can assert which problem was found.
enum class IssueCode {
    OutOfRange,    // clamped into the allowed range
    NotFinite,     // NaN or infinity replaced by the default
    Incompatible,  // a combination that cannot work was changed (e.g. cross-entropy on a linear output)
    UnknownName,   // an enumeration value that does not exist (link or command line)
    UnknownKey,    // a key that does not exist (ignored)
    Malformed,     // a value that could not be read (field kept its default)
};

// What an issue says: one of the engine's sentences, which the app words in the user's
// language (app/i18n/issue_text.cpp: one format per entry, its %s filled from `args` in order),
// so no sentence is built here. Each names what was wrong and what was done.
enum class IssueText {
    None,                    // `message` holds a sentence worded elsewhere
    NotFinite,               // field, the value set
    OutOfRange,              // field, value, low, high, the value set
    UnknownValue,            // field, the value set
    UnknownBits,             // field
    TooManyLayers,           // layers, the maximum
    SoftmaxInHidden,         // the layer's field
    OneInputFeatures,        //
    NoFeature,               //
    OutputDoesNotFit,        // the output's code, the task's code, the output set
    CrossEntropyNeedsProbabilities,  //
    RaceWithEnsemble,        //
    BoostingOnRegression,    //
    RaceDepth,               // the value, the maximum depth
    RaceNoHiddenLayer,       //
    RaceNotHiddenActivation, // the value
    RaceNotNumber,           // the value
    RaceNotWholeNumber,      // the value
    RaceNotOwnSetting,       // the key=value text
    RaceKeyNotVariable,      // the key
    RaceTooManyRuns,         // the maximum
    RaceDuplicate,           // the value
    RaceTooFewRuns,          // the minimum
    RaceMoreProblems,        // how many
    // The link reader's (config_codec, tf_link): a key's value that did not read, and what it is not.
    NotWholeNumber,           // key, value
    NotNumberValue,           // key, value
    NotZeroOrOne,             // key, value
    NotTrueOrFalse,           // key, value
    NotSeed,                  // key, value
    NotRaceText,              // key, value
    PointsTooMany,            // key, value
    PointsMalformed,          // key, value
    UnknownName,              // key, value
    MoreProblems,             // how many
    WeightsTooMany,           // the maximum
    WeightsNotBase64,         // 
    WeightsNotFloats,         // 
    WeightsCount,             // count, the network's
    WeightNotFinite,          // index
    UnknownFeature,           // the name
    LinkTooManyLayers,        // key, the maximum
    LayerExtra,               // the layer's field
    NewerVersion,             // the version
    UnknownKey,               // the key
    RaceTooManyValues,        // the maximum
    LinkTooLong,              // the maximum
    NoEquals,                 // the key
    TfDatasetElsewhere,       // 
    TfNoCosine,               // key, X1 or X2
};

struct ConfigIssue {
    ConfigIssue(IssueCode c, std::string f, std::string worded)
        : code(c), field(std::move(f)), message(std::move(worded)) {}
    ConfigIssue(IssueCode c, std::string f, IssueText t, std::vector<std::string> a = {}, std::string where = {})
        : code(c), field(std::move(f)), text(t), args(std::move(a)), context(std::move(where)) {}

    IssueCode code;
    std::string field;    // e.g. "hidden[2].width", "optimizer.learning_rate"
    std::string message;  // a sentence already worded (the link reader's, the app's own), or empty
    IssueText text = IssueText::None;
    std::vector<std::string> args;  // the sentence's values as text: fields, numbers, the user's clipped text
    std::string context;  // where, for an issue found inside another setting: a race's run ("race[2]")
};

// Clamps `cfg` into range in place; returns one issue per change (empty if it was valid).
std::vector<ConfigIssue> validate(ExperimentConfig& cfg);

// Which output activations and losses fit a task: the one place that decides it (validation,
// the UI's lists, the link reader's defaults). The defaults: sigmoid + binary cross-entropy for
// two classes, softmax + categorical cross-entropy for k classes, linear + squared error for
// regression; cross-entropy needs probabilities, so any other output gets squared error.
bool output_fits(Task task, Activation output);
bool loss_fits(Activation output, Loss loss);
Activation default_output(Task task);
Loss default_loss(Activation output);
// Standardised inputs for data that does not lie centred in TF Playground's [-6, 6] plane (the
// oyster diameters in cm); none for the plane's sets, so TF Playground's results carry over.
// The user's data is standardised too: its columns come in any units.
Normalization default_normalization(const DatasetSpec& spec);
// x1 and x2, or x1 alone for one-input data.
FeatureMask default_features(const DatasetSpec& spec);
// The experiment a data set starts with, where it needs other settings than ExperimentConfig{}'s
// (which fit the plane's sets): the 8x8 digits get one layer of 16 ReLU units, Adam at 0.003
// in batches of 32 and 80% of the images for training, so picking them trains to about 97%
// test accuracy in 20 epochs; MNIST gets 64 units in batches of 64 (95% in about 10 epochs). Only the fields that follow the data set are read from it (train, net, opt, lr,
// batch; fields.cpp): a link that names any of them keeps its value.
const ExperimentConfig& default_for_data(DatasetKind kind);

// Derived facts the network and the trainer need.
Task task_of(const ExperimentConfig& cfg);
int output_count(const ExperimentConfig& cfg);
// The network's inputs: one per enabled feature (data of one or two inputs), else one per
// input column (a pixel of an image set, a column of the user's data).
int input_count(const ExperimentConfig& cfg);  // 1 for binary unless softmax; k for k classes
NetworkSpec network_spec(const ExperimentConfig& cfg);

// True when going from `a` to `b` needs new data or a new network: any field that the field
// table (fields.hpp) marks Rebuild or Reseed differs, or a layer's width or activation (its
// dropout rate is live).
bool needs_rebuild(const ExperimentConfig& a, const ExperimentConfig& b);

}  // namespace nnp
