// The app's one string table: every user-visible text is a Str id looked up in the active
// language's table: English here, Korean in strings_ko.cpp (a test requires every id there, with
// the same printf directives). Enumeration labels come from core's enum_table code names, looked
// up in a per-language list of (code, label) pairs. The engine's problems come as codes with
// their values (IssueText), worded here by describe_issue.
#pragma once

#include "config.hpp"
#include "enum_table.hpp"
#include "csv.hpp"
#include "model_file.hpp"
#include "images.hpp"
#include "normalize.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace nnp {
class Session;
}

namespace nnp::app {

// X(id, English). Texts with %-directives are printf formats; their arguments are documented.
#define NNP_APP_STRINGS(X)                                                                        \
    X(AppTitle, "Neural network playground")                                                      \
    X(PanelData, "Data")                                                                          \
    X(PanelNetwork, "Features and network")                                                       \
    X(PanelOutput, "Output")                                                                      \
    X(PanelTraining, "Training")                                                                  \
    X(Play, "Play")                                                                               \
    X(Pause, "Pause")                                                                             \
    X(Step, "Step")                                                                               \
    X(Reset, "Reset")                                                                             \
    X(EpochFmt, "Epoch %lld")                                                                     \
    X(WelcomeHint, "Neural network playground. New here? Start with Lessons (above), or pick a data set and press Play; hover any control to see what it does.") \
    X(TipPlay, "Start or pause training (key: space). Each epoch shows the network every training point once.") \
    X(TipStep, "Train exactly one epoch and stop (key: s), to watch gradient descent one move at a time.") \
    X(TipReset, "Start again from new random weights on the same data (key: r).")                \
    X(TipEpoch, "How many times the network has seen the whole training set.")                   \
    X(LearningRate, "Learning rate")                                                              \
    X(TipLearningRate, "How big a step gradient descent takes downhill on the loss. Too small crawls; too large overshoots and can diverge. Applies at once.") \
    X(Optimizer, "Optimizer")                                                                     \
    X(TipOptimizer, "The rule that turns gradients into weight updates. Switching keeps the learned weights and restarts the optimizer's memory.") \
    X(Momentum, "Momentum")                                                                       \
    X(TipMomentum, "How much of the previous update carries over, like a ball rolling downhill: faster along long valleys, less zig-zag.") \
    X(Rho, "Decay")                                                                               \
    X(TipRho, "How quickly RMSprop forgets old squared gradients; closer to 1 means a longer memory.") \
    X(Beta1, "Beta 1")                                                                            \
    X(TipBeta1, "Adam's memory of the gradient's average direction (its momentum).")              \
    X(Beta2, "Beta 2")                                                                            \
    X(TipBeta2, "Adam's memory of the gradient's size, used to give each weight its own step size.") \
    X(Epsilon, "Epsilon")                                                                         \
    X(TipEpsilon, "A tiny number added before dividing, so a weight with almost no gradient does not get a huge step.") \
    X(Task, "Task")                                                                               \
    X(TipTask, "What the output means, set by the data: one yes/no answer, one of k classes, or a number.") \
    X(OutputActivation, "Output")                                                                 \
    X(TipOutputActivation, "The output neuron's activation must fit the task: sigmoid gives a probability, softmax shares probability over k classes, linear gives any number.") \
    X(Loss, "Loss")                                                                               \
    X(TipLoss, "How wrong the network is, as one number that training pushes down. Cross-entropy fits probabilities; squared error fits numbers.") \
    X(Regularization, "Regularization")                                                           \
    X(TipRegularization, "A penalty on large weights that keeps the boundary simple, against overfitting. L1 pushes weights to exactly zero; L2 shrinks them all.") \
    X(RegRate, "Reg. rate")                                                                       \
    X(TipRegRate, "How strongly large weights are penalised compared with the data loss.")        \
    X(InitLabel, "Init")                                                                          \
    X(TipInit, "How the weights start. Random starts break the symmetry between neurons; the scale decides whether signals survive deep networks. Changing it resets.") \
    X(Seed, "Seed")                                                                               \
    X(TipSeed, "The number that fixes the random initial weights, batch order and dropout: the same seed gives the same run.") \
    X(EarlyStopping, "Early stop")                                                                \
    X(TipEarlyStopping, "Stop when the validation loss has not improved for a while and go back to the best weights: a simple guard against overfitting. Turning it on holds out a validation share of the training points, so training starts again.") \
    X(Patience, "Patience")                                                                       \
    X(TipPatience, "How many epochs without a better validation loss (or training loss, without a validation share) to wait before stopping.") \
    X(ValidationPercent, "Validation %")                                                          \
    X(TipValidationPercent, "Share of the training points held out to watch for overfitting. Early stopping decides on these points, never on the test points, which stay an honest final exam.") \
    X(Normalization, "Normalize")                                                                 \
    X(TipNormalization, "Shift and scale each input before the network sees it, using the training points only. Raw inputs far from zero (shells of 3.5-11.5 cm) push tanh units to their flat ends, where learning stalls. The axes stay in your units.") \
    X(Shuffle, "Shuffle")                                                                         \
    X(TipShuffle, "Take the training points in a new random order every epoch, so the batches differ from one epoch to the next.") \
    X(HiddenLayers, "Hidden layers")                                                              \
    X(Compare, "Compare")                                                                         \
    X(CompareNone, "Nothing (one run)")                                                           \
    X(CompareValues, "Values")                                                                    \
    X(TipCompareValues, "The runs' values, separated by commas; a run may add settings of its own after '/', e.g. adam/lr=0.001. 2 to 8 runs.") \
    X(CompareStart, "Start the race")                                                             \
    X(TipCompareStart, "Build one run per value from the same start: the same data, initial weights, batch order and dropout masks, unless the setting is the seed.") \
    X(RaceWidth, "Width")                                                                         \
    X(RaceDepth, "Depth")                                                                         \
    X(RunsTitle, "Runs (click one to see its network)")                                           \
    X(TipRunMap, "This run's decision map and its loss (validation, else training). Click to show this run in the network and output views.") \
    X(LeaderMark, "leads")                                                                        \
    X(SeedSpreadFmt, "Final loss: min %.4f, median %.4f, max %.4f")                               \
    X(WeightDistancesTitle, "How far apart the learned weights are")                              \
    X(TipWeightDistances, "The distance between each pair of runs' weight vectors. The same data and network from different seeds end in different minima: every trained model's weights differ.") \
    X(TipCompare, "Train several runs side by side from the same start that differ in one setting: optimizers on the same slope, or one network from several seeds.") \
    X(Speed, "Speed")                                                                             \
    X(TipSpeed, "Epochs per frame you ask for. If a frame would get slow, fewer are run so the page stays smooth.") \
    X(SpeedActualFmt, "%.1f epochs/frame, %.0f fps")                                              \
    X(Dataset, "Dataset")                                                                         \
    X(TipDataset, "The points to learn from. Some can be split by a straight line; others (XOR, spirals) need hidden layers or extra features.") \
    X(Noise, "Noise")                                                                             \
    X(TipNoise, "How much the points are jittered, in percent. Noisy data tempts a big network to memorise the noise (overfitting).") \
    X(TrainPercent, "Train %")                                                                    \
    X(TipTrainPercent, "Share of the points used for training; the rest are kept aside as test points to see how well the network generalises.") \
    X(BatchSize, "Batch size")                                                                    \
    X(TipBatchSize, "How many points each gradient step averages over. Small batches are noisy but quick; the whole set gives the exact gradient.") \
    X(Points, "Points")                                                                           \
    X(TipPoints, "How many points the data set has in total.")                                    \
    X(Ensemble, "Ensemble")                                                                       \
    X(TipEnsemble, "Several networks that vote. Bagging trains each on its own bootstrap sample of the training points, side by side; boosting trains one after another, each on the points the earlier ones got wrong, weighted more; stacking trains different networks (the compare list's runs) and a meta-learner that learns how much to trust each. Every member gets a small map; the big map is the ensemble's answer.") \
    X(Members, "Members")                                                                         \
    X(TipMembers, "How many networks the ensemble has (2 to 15).")                               \
    X(LearnerEpochs, "Epochs per learner")                                                        \
    X(TipLearnerEpochs, "Boosting: how many epochs each learner trains before the next one is added.") \
    X(Folds, "Folds")                                                                             \
    X(TipFolds, "Stacking: the training points are cut into this many folds. Each base learner is also trained once without each fold, and its answers on the fold it never saw are what the meta-learner learns from, so it cannot learn to trust a learner that only memorised.") \
    X(MemberFmt, "Member %d")                                                                     \
    X(LearnerAlphaFmt, "Learner %d: α %.2f")                                                      \
    X(LearnerTrainingFmt, "Learner %d (training)")                                                \
    X(LearnerErrorFmt, "weighted error %.2f")                                                     \
    X(MembersTitle, "Members: click one to see its network")                                     \
    X(TipMemberMap, "One member's decision map. In bagging the dots are its out-of-bag points: training points its bootstrap sample left out, which it never saw.") \
    X(EnsembleSummaryFmt, "Test accuracy: members' mean %.1f%%, ensemble's vote %.1f%%")          \
    X(EnsembleCurveTitle, "The vote's test accuracy with the first 1, 2, ... members")            \
    X(BaseLearnersTitle, "Base learners: click one to see its network")                          \
    X(StackingStart, "Use them as the base learners")                                             \
    X(StackingBaseHint, "The base learners are the runs of Compare above: pick the setting they differ in and their values.") \
    X(StackingSummaryFmt, "Test accuracy: base learners' mean %.1f%%, stacked %.1f%%")              \
    X(StackingCurveTitle, "Stacked test accuracy with the first 1, 2, ... base learners")          \
    X(TipStackingCurve, "Each bar is the test accuracy of a meta-learner fitted to the first k base learners only; the line is the base learners' mean accuracy.") \
    X(MetaWeightsTitle, "How much the meta-learner trusts each base learner")                      \
    X(TipMetaWeights, "The meta-learner is a logistic (softmax) regression over the base learners' answers. It learned from answers each learner gave for training points it had not trained on (the folds), so a learner that only memorised its points gets little weight. A bar is the weight from a learner's answer for a class to the meta-learner's score for that class.") \
    X(TipStackingMap, "The stacked model's map: the meta-learner's probability of each class, from the base learners' answers. Click a test point to see each base learner's answer.") \
    X(TipEnsembleCurve, "Each bar is the test accuracy of the vote of the first k members; the line is the members' mean accuracy. Where the bars stand above the line, the members cover each other's mistakes.") \
    X(EnsembleMapCaption, "The ensemble's vote")                                                  \
    X(TipEnsembleMap, "The ensemble's map: the colour is the class most members vote for, and it is stronger where more of them agree. Click a test point to see each member's vote.") \
    X(BoostingWeightsNote, "Point sizes are the sample weights: the points the learners got wrong grow, and the next learner tries harder on them.") \
    X(VotePickHint, "Click a test point on the map to see how each member votes on it.")          \
    X(VotesTitleFmt, "Test point %d, class %d. The members' votes:")                              \
    X(VoteResultFmt, "The ensemble says class %d")                                                \
    X(StackingMapCaption, "The stacked model")                                                    \
    X(StackingVotesTitleFmt, "Test point %d, class %d. The base learners' answers:")             \
    X(StackingResultFmt, "The meta-learner says class %d")                                       \
    X(BoostingDoneFmt, "Boosting ended with %d learners.")                                       \
    X(BoostingUselessFmt, "Boosting stopped at %d learners: the next one was no better than chance (weighted error %.2f).") \
    X(Classes, "Classes")                                                                         \
    X(TipClasses, "How many classes the points belong to; the output gets one softmax unit per class.") \
    X(Regenerate, "Regenerate")                                                                   \
    X(TipRegenerate, "Draw a new sample of the same kind of data (a new data seed).")            \
    X(ShowTest, "Show test data")                                                                 \
    X(TipShowTest, "Also draw the test points (with a dark outline). They are never trained on.") \
    X(Discretize, "Discretize output")                                                            \
    X(TipDiscretize, "Show only the decision (which side of the boundary) instead of the confidence.") \
    X(Features, "Features")                                                                       \
    X(TipFeature, "Click to feed this input to the network. Hand-made features such as x1*x2 can make a problem linear, so fewer neurons are needed.") \
    X(HiddenLayersFmt, "%d hidden layers")                                                        \
    X(AddLayer, "+ layer")                                                                        \
    X(RemoveLayer, "- layer")                                                                     \
    X(TipAddLayer, "Add a hidden layer. Without hidden layers the network is a perceptron: it can only draw a straight boundary, so it cannot solve XOR.") \
    X(TipRemoveLayer, "Remove the last hidden layer.")                                            \
    X(NeuronsFmt, "%d neurons")                                                                   \
    X(TipAddNeuron, "Add a neuron to this layer: more neurons can bend the boundary more.")      \
    X(TipRemoveNeuron, "Remove a neuron from this layer.")                                        \
    X(TipNeuronsAtMaxFmt, "This layer has %d neurons, the most a layer can have here.")          \
    X(TipLayersAtMaxFmt, "The network has %d hidden layers, the most it can have here.")        \
    X(TipFeatureOneInput, "This data set has one input (the oyster's size), so features of x2 have nothing to read.") \
    X(Activation, "Activation")                                                                   \
    X(TipActivation, "The bend each neuron applies to its weighted sum. Without a non-linear activation, stacked layers are still one straight line.") \
    X(Dropout, "Dropout")                                                                         \
    X(DropoutShort, "Drop")                                                                       \
    X(TipDropout, "Each step, switch off this share of the layer's neurons at random, so none can rely on the others: a regulariser. Dropped ones are crossed out.") \
    X(TipNeuron, "This neuron's output over the input plane (blue positive, orange negative). Hover to see it large in the output view.") \
    X(WeightFmt, "Weight %.3f (click to edit)")                                                  \
    X(TipEdge, "Blue weights are positive, orange negative; thicker means larger. Backpropagation adjusts each by how much it changed the loss.") \
    X(EditWeight, "Weight")                                                                       \
    X(WeightStepFmt, "+ and - step by %g")                                                     \
    X(Close, "Close")                                                                             \
    X(NeuronTitleFmt, "Layer %d, neuron %d")                                                      \
    X(InputsLabel, "Inputs")                                                                      \
    X(OutputLabel, "Output")                                                                      \
    X(TipOutputView, "The network's prediction at every point of the input plane, with the data on top. The colour strength shows how sure it is.") \
    X(TrainLossFmt, "Training loss %.4f")                                                         \
    X(TestLossFmt, "Test loss %.4f")                                                              \
    X(TrainAccFmt, "Training accuracy %.1f%%")                                                    \
    X(TestAccFmt, "Test accuracy %.1f%%")                                                         \
    X(ValLossFmt, "Validation loss %.4f")                                                         \
    X(ValAccFmt, "Validation accuracy %.1f%%")                                                    \
    X(LossChart, "Loss")                                                                          \
    X(AccuracyChart, "Accuracy")                                                                  \
    X(LogScale, "Log scale")                                                                      \
    X(TipLogScale, "Show the loss on a logarithmic axis, where steady progress looks like a straight line.") \
    X(TipLossChart, "Loss per epoch on the training, validation and test points. When the validation and test losses rise while the training loss falls, the network is overfitting.") \
    X(TipAccuracyChart, "Share of points classified correctly: training, validation and test.")  \
    X(BestEpochFmt, "Best epoch %lld")                                                            \
    X(StopEpochFmt, "stopped at %lld")                                                            \
    X(TrainLegend, "train")                                                                       \
    X(ValLegend, "validation")                                                                    \
    X(TestLegend, "test")                                                                         \
    X(DivergedFmt, "Training stopped: the loss became infinite or NaN at epoch %lld. Try a lower learning rate, then press Reset.") \
    /* args: the loss watched (ValLossWord or TrainLossWord), patience, stop epoch, best epoch */ \
    X(EarlyStoppedFmt, "Early stopping: the %s loss did not improve for %d epochs, so training stopped at epoch %lld. The network now has the weights of epoch %lld, where that loss was lowest.") \
    X(ValLossWord, "validation")                                                                  \
    X(TrainLossWord, "training")                                                                  \
    X(Resume, "Resume")                                                                           \
    X(CopyLink, "Copy link")                                                                      \
    X(TipCopyLink, "Copy a link to this experiment. Opening it gives the same data, starting weights and training run.") \
    X(IncludeWeights, "Include trained weights")                                                  \
    X(TipIncludeWeights, "Also put the current weights into the copied link, so it opens the trained network.") \
    X(LinkCopying, "Copying the link...")                                                         \
    X(LinkCopied, "Link copied.")                                                                 \
    X(LinkCopyByHand, "Copy the link by hand (Ctrl+C).")                                          \
    X(LinkIssuesTitle, "The link had problems; the rest of it was used:")                         \
    X(LinkTfOpened, "Opened a TF Playground link.")                                               \
    X(Dismiss, "Dismiss")                                                                         \
    X(OysterTitle, "Oyster diameter (cm)")                                                        \
    X(OysterLearnedFmt, "Learned threshold %.2f cm: %d wrong")                                   \
    X(OysterNoThreshold, "Learned rule: no threshold yet")                                        \
    X(OysterRuleFmt, "Hand-written rule %.1f cm: %d wrong")                                      \
    X(TipOyster, "Each dot is an oyster, blue ripe and orange not. The dashed line is the rule a person wrote; the solid line is where the trained network changes its mind.") \
    X(ImagePrevious, "Previous") \
    X(ImageNext, "Next") \
    X(DrawDigit, "Draw a digit") \
    X(ClearDrawing, "Clear") \
    X(BackToTest, "Test images") \
    X(TestImageFmt, "Test image %d of %d, a %d") \
    X(YourDrawing, "Your drawing") \
    X(PredictedFmt, "The network says %d (%.0f%%)") \
    X(PadEmpty, "Draw a digit in the box.") \
    X(VectorTitleFmt, "The same image as the network gets it: one row of %d numbers") \
    X(PixelTipFmt, "Pixel in row %d, column %d is input %d: %g") \
    X(ConfusionTitle, "Confusion matrix of the test images") \
    X(TipConfusion, "Rows are the true digit, columns the network's answer: the diagonal is right, every other cell a kind of mistake.") \
    X(ConfusionCellFmt, "%d test images of a %d were read as a %d") \
    X(WrongTitleFmt, "Misclassified test images: %d") \
    X(TipWrong, "Each shows the network's answer, then the true digit. Click one to look at it.") \
    X(PadNote, "It learned from upright digits that fill their box: draw one big and centred.") \
    X(PadSeesItFmt, "As the network sees it (%dx%d)") \
    X(TipDrawDigit, "Draw with the mouse or a finger. The drawing is cut down to 8x8 the way the data set was made (ink counted in 4x4 blocks of a 32x32 scan) and classified as you draw.") \
    X(InputsImageFmt, "%dx%d pixels = %d inputs") \
    X(TipImageInput, "The image on show in the output panel. Each pixel is one input of the network: the picture is flattened into a row of numbers.") \
    X(TipWeightPicture, "This neuron's incoming weights, one per pixel, drawn as an image: blue pixels raise its sum, orange ones lower it. It shows what the neuron looks for.") \
    X(TipUnitValue, "Colour: this neuron's output for the image on show.") \
    X(MnistLoading, "Loading MNIST's 10,000 digits (7.8 MB)...") \
    X(MnistFailedFmt, "MNIST could not be loaded: %s") \
    X(MnistMissing, "MNIST's images are not here: scripts/setup.sh fetches them and the build packs them into mnist.bin beside the program.") \
    X(MnistArrivedFmt, "MNIST arrived: %.1f MB in %.1f s") \
    X(MnistNotFile, "the file is not MNIST's (it does not start with NNPMNIST)") \
    X(MnistBadHeaderFmt, "the file holds %llu images of side %llu, not up to 100,000 of side 28") \
    X(MnistBadSizeFmt, "the file has %llu bytes where its header asks for %llu") \
    X(MnistBadLabelFmt, "image %llu has the label %llu, not a digit") \
    X(MnistCannotOpen, "the file cannot be opened") \
    X(CsvWhereLineColFmt, "Line %d, column %d: ") \
    X(CsvWhereLineFmt, "Line %d: ") \
    X(CsvWhereColFmt, "Column %d: ") \
    X(CsvTooBigFmt, "the file has %llu bytes and at most %llu (20 MB) are read, so nothing was read.") \
    X(CsvNotTextFmt, "a NUL byte at offset %llu: this is not a text file, so nothing was read.") \
    X(CsvEmpty, "there is nothing in it.") \
    X(CsvHeaderOnly, "a header and no data lines: there is nothing to train on.") \
    X(CsvTooManyColumnsFmt, "%llu columns; a network takes at most %llu (1,024 inputs and a label), so nothing was read.") \
    X(CsvUtf16Le, "the text is UTF-16 (little-endian), as spreadsheets save it; it was converted.") \
    X(CsvUtf16Be, "the text is UTF-16 (big-endian); it was converted.") \
    X(CsvSemicolon, "the cells are separated by ';', so they were read that way.") \
    X(CsvTab, "the cells are separated by tabs, so they were read that way.") \
    X(CsvDecimalCommaFmt, "\"%s\" has a decimal comma: numbers like it were read with a point (1,5 as 1.5).") \
    X(CsvTooManyRowsFmt, "the file has %llu data lines; the first %llu were read and the rest left out.") \
    X(CsvRaggedFmt, "%llu cells where the first line has %llu; the line was left out.") \
    X(CsvUnclosedQuote, "a quote opens here and never closes; this line and the rest were left out.") \
    X(CsvMissing, "the cell is empty; the line was left out.") \
    X(CsvNonNumericFmt, "\"%s\" is not a number; the line was left out.") \
    X(CsvNotFiniteFmt, "\"%s\" is not a finite number; the line was left out.") \
    X(CsvOutOfRangeFmt, "\"%s\" is beyond the network's numbers (up to 3.4e38); the line was left out.") \
    X(CsvNoInputs, "no input column is chosen.") \
    X(CsvBadColumnFmt, "there is no column \"%s\".") \
    X(CsvLabelIsInputFmt, "\"%s\" is the label, so it is not also an input.") \
    X(CsvTooManyInputsFmt, "%llu inputs are chosen; a network takes at most %llu.") \
    X(CsvOneClassFmt, "every label is \"%s\": there is nothing to tell apart.") \
    X(CsvTooManyClassesFmt, "%llu different labels, and at most %llu classes can be told apart (a column of numbers can be a regression target).") \
    X(CsvNoRows, "every data line was left out: there is nothing to train on.") \
    X(CsvMoreProblemsFmt, "...and %llu more problems like these.") \
    X(CsvTitle, "Your own data") \
    X(TipCsv, "Train on your own table: paste the text of a CSV file below, or drop a .csv file anywhere on the page. The first line may be a header; the label is the last column unless you pick another.") \
    X(CsvPasteHint, "Paste CSV text here (Ctrl+V), or drop a .csv file on the page.") \
    X(CsvChooseFile, "Choose a file...") \
    X(CsvRead, "Read the text") \
    X(TipCsvRead, "Reads the text in the box as CSV and lists its columns and any problems. The text stays in the box, so you can fix it and read it again.") \
    X(CsvUse, "Train on it") \
    X(TipCsvUse, "Makes a data set of the chosen columns: its rows are shuffled and split into training and test rows by the seed, like the other data sets.") \
    X(CsvTableFmt, "%d rows and %d columns read.") \
    X(CsvHeaderYes, "The first line is a header.") \
    X(CsvHeaderNo, "No header: the columns are numbered x1, x2, ...") \
    X(CsvFileFmt, "File %s: %.1f kB") \
    X(CsvLabelColumn, "Label (what to predict)") \
    X(CsvInputColumns, "Inputs") \
    X(CsvTargetKind, "The label is") \
    X(CsvTargetAuto, "decided by the column") \
    X(CsvTargetClasses, "classes") \
    X(CsvTargetRegression, "a value (regression)") \
    X(CsvInUseFmt, "In use: %d rows, %d inputs, predicting %s.") \
    X(CsvNoData, "No data yet: paste a CSV file's text in the data panel, or drop a .csv file on the page.") \
    X(CsvLinkNote, "This link trains on data from a CSV file, and links do not carry the data: paste or drop the file again.") \
    X(MapAcross, "Across") \
    X(MapUp, "Up") \
    X(MapSliceFmt, "A slice: the other %d inputs are held at their training means.") \
    X(TipMapSlice, "The data has more inputs than a map has directions. The map varies the two chosen inputs and holds every other input at its mean over the training rows; the points are drawn where their two inputs put them.") \
    X(PointsEdit, "Add points by clicking") \
    X(TipPointsEdit, "Click the map to add a point of the chosen class (or value); right-click or Shift+click a point to remove it. The first point added to a generated set starts from its points. Training goes on with the same weights.") \
    X(PointsClear, "Clear") \
    X(TipPointsClear, "Removes every point: an empty plane to fill by clicking.") \
    X(PointsClassFmt, "Class %d") \
    X(PointsValue, "Value") \
    X(PointsNotInLinkFmt, "The link does not carry these %d points (a link takes up to 500).") \
    X(CsvNotInLink, "The link carries the settings, not your CSV data: whoever opens it must give the same file.") \
    X(ModelWhereFmt, "Model file, %s: ") \
    X(ModelWhole, "Model file: ") \
    X(ModelTooBigFmt, "it has %llu bytes and a model file at most %llu, so it was not read.") \
    X(ModelTooDeepFmt, "it is nested deeper than %llu levels, so it was not read.") \
    X(ModelNotJson, "it is not JSON text.") \
    X(ModelNotModel, "it is not a model file of this playground (it has no \"format\": \"nnp-model\").") \
    X(ModelVersionFmt, "version %llu; this page reads version %llu.") \
    X(ModelMissing, "it is missing.") \
    X(ModelBadValue, "it has a value this page does not read.") \
    X(ModelNotFinite, "it is not a finite float32 number.") \
    X(ModelShapeFmt, "it has %llu entries where %llu were expected.") \
    X(ModelLinkFmt, "its link has %llu problems (below); the rest was read.") \
    X(ModelWrongShape, "Model file: its network does not fit this data (another number of inputs or outputs), so it was not applied.") \
    X(ModelNeedsData, "Model file: it was trained on CSV data, which the file does not hold: give the data first (paste or drop it), then open the model again.") \
    X(ExportTitle, "Save") \
    X(TipExport, "Saves what you made: the trained model (JSON, which you can open here again by dropping it on the page), the history of every run (CSV), the data set (CSV), the map (PNG) or the whole page (PNG).") \
    X(ExportModel, "Model") \
    X(ExportHistory, "History") \
    X(ExportData, "Data") \
    X(ExportMap, "Map") \
    X(ExportScreen, "Page") \
    X(ExportSavedFmt, "Saved %s") \
    X(ExportFailedFmt, "Could not save %s") \
    /* Problems the engine finds in a config or link (core IssueText); %%s are its args. */ \
    X(IssueNotFiniteFmt, "%s is not a finite number; set to %s.") \
    X(IssueOutOfRangeFmt, "%s = %s is outside [%s, %s]; set to %s.") \
    X(IssueUnknownValueFmt, "%s has an unknown value; set to %s.") \
    X(IssueUnknownBitsFmt, "%s has unknown bits; they were removed.") \
    X(IssueTooManyLayersFmt, "%s hidden layers is more than the maximum %s; the extra layers were removed.") \
    X(IssueSoftmaxInHiddenFmt, "%s: softmax is only for the output layer; set to tanh.") \
    X(IssueOneInputFeaturesFmt, "This dataset has one input, so features that use x2 were turned off.") \
    X(IssueNoFeatureFmt, "At least one feature is needed; x1 was turned on.") \
    X(IssueOutputDoesNotFitFmt, "A %s output does not fit a %s task; it was set to %s.") \
    X(IssueCrossEntropyNeedsProbabilitiesFmt, "Cross-entropy needs probabilities (a sigmoid or softmax output); the loss was set to MSE.") \
    X(IssueRaceWithEnsembleFmt, "Bagging's and boosting's members are their own runs: the race was dropped.") \
    X(IssueBoostingOnRegressionFmt, "Boosting (SAMME) weighs right and wrong answers, which a regression task has not; the ensemble was dropped (bagging averages regression members).") \
    X(IssueRaceDepthFmt, "depth %s is not a whole number in [0, %s].") \
    X(IssueRaceNoHiddenLayerFmt, "the network has no hidden layer to vary.") \
    X(IssueRaceNotHiddenActivationFmt, "%s is not a hidden layer's activation.") \
    X(IssueRaceNotNumberFmt, "%s is not a number.") \
    X(IssueRaceNotWholeNumberFmt, "%s is not a whole number.") \
    X(IssueRaceNotOwnSettingFmt, "%s is not a setting of its own for this run; ignored.") \
    X(IssueRaceKeyNotVariableFmt, "race: %s is not a setting a race can vary; there is no race.") \
    X(IssueRaceTooManyRunsFmt, "race has more than %s runs; the rest were dropped.") \
    X(IssueRaceDuplicateFmt, "%s is already in the race; dropped.") \
    X(IssueRaceTooFewRunsFmt, "race needs at least %s different runs; there is no race.") \
    X(IssueRaceMoreProblemsFmt, "%s more problems of the race were not listed.") \
    X(IssueNotWholeNumberFmt, "%s=%s is not a whole number; the default was kept.") \
    X(IssueNotNumberValueFmt, "%s=%s is not a number; the default was kept.") \
    X(IssueNotZeroOrOneFmt, "%s=%s is not 0 or 1; the default was kept.") \
    X(IssueNotTrueOrFalseFmt, "%s=%s is not true or false; the default was kept.") \
    X(IssueNotSeedFmt, "%s=%s is not a seed in [0, 4294967295]; the default was kept.") \
    X(IssueNotRaceTextFmt, "%s=%s is not key:value,value,...; the default was kept.") \
    X(IssuePointsTooManyFmt, "%s=%s is more than 500 points; the default was kept.") \
    X(IssuePointsMalformedFmt, "%s=%s is not k.base64url points; the default was kept.") \
    X(IssueUnknownNameFmt, "%s=%s is not a known name; the default was kept.") \
    X(IssueMoreProblemsFmt, "%s more problems were not listed.") \
    X(IssueWeightsTooManyFmt, "w holds more than %s weights; they were not used.") \
    X(IssueWeightsNotBase64Fmt, "w is not base64url text; the weights were not used.") \
    X(IssueWeightsNotFloatsFmt, "w does not hold whole float32 values; the weights were not used.") \
    X(IssueWeightsCountFmt, "w holds %s weights but this network has %s; the weights were not used.") \
    X(IssueWeightNotFiniteFmt, "w: weight %s is not a finite number; the weights were not used.") \
    X(IssueUnknownFeatureFmt, "f: %s is not a known feature; ignored.") \
    X(IssueLinkTooManyLayersFmt, "%s has more than %s hidden layers; the rest were ignored.") \
    X(IssueLayerExtraFmt, "%s has more than width:activation:dropout; the rest was ignored.") \
    X(IssueNewerVersionFmt, "This link is from a newer version (v=%s); the fields this version knows were read.") \
    X(IssueUnknownKeyFmt, "Unknown key %s was ignored.") \
    X(IssueRaceTooManyValuesFmt, "race has more than %s values; the rest were ignored.") \
    X(IssueLinkTooLongFmt, "The link is longer than %s characters; it was not read and the defaults were used.") \
    X(IssueNoEqualsFmt, "%s has no '='; ignored.") \
    X(IssueTfDatasetElsewhereFmt, "regDataset: this TF Playground dataset is not available here; reg-plane was used.") \
    X(IssueTfNoCosineFmt, "%s: cos(%s) is not an input here; it was left out.") \
    X(LessonUnknownFmt, "lesson=%s is not a lesson here; it was ignored.")                       \
    X(LanguageUnknownFmt, "lang=%s is not a known language (en, ko); it was ignored.")           \
    X(SurfaceBadViewFmt, "view=%s is not a view here (surface, landscape and backprop are); it was ignored.") \
    X(BadBpStepFmt, "bpstep=%s is not a step of the walk-through (0, 1, 2, ...); it starts at the first.") \
    X(BadSampleFmt, "sample=%s is not a training sample's number (0, 1, 2, ...); the first sample is shown.") \
    X(SurfaceBadFnFmt, "fn=%s is not a surface (bowl, rosenbrock, saddle, wells, plateau); rosenbrock was used.") \
    X(SurfaceBadStartFmt, "start=%s is not X,Y inside [%g, %g] x [%g, %g]; the surface's own start was used.") \
    X(SurfaceBadRateFmt, "slr=%s is not a rate in (0, %g]; the surface's own rate was used.") \
    X(Surfaces, "Surfaces") \
    X(TipSurfaces, "Watch the six optimizers roll down loss surfaces of two weights from one start: how momentum overshoots, AdaGrad slows down, Adam adapts, and plain gradient descent stalls on a plateau.") \
    X(SurfaceTitle, "Optimizers on a loss surface") \
    X(SurfaceFn, "Surface") \
    X(SurfaceSameRate, "One rate for all") \
    X(TipSurfaceSameRate, "Off: each optimizer gets its own learning rate, set in its row.") \
    X(SurfaceStepsFmt, "Step %d") \
    X(SurfaceDiverged, "diverged") \
    X(TipSurfaceMap, "The loss over two weights (darker is lower), its contour lines, the global minimum (ring) and local ones (small rings). Each line is one optimizer's path; drag the white ring to start from somewhere else.") \
    X(SurfaceClose, "Close") \
    X(SurfaceValueFmt, "%.4g") \
    X(InsideTitle, "Inside") \
    X(Landscape, "Loss landscape") \
    X(TipLandscape, "The training loss around the selected run's weights, over a plane through them: the valley training found, and the path it took there.") \
    X(LandscapeTitle, "The network's loss landscape") \
    X(LandscapeDirs, "Directions") \
    X(TipLandscapeDirs, "PCA: the two directions in which training moved the weights most, so its path can be drawn on the plane. Random: two random directions, each neuron's part scaled to the length of its weights (filter normalisation, Li et al. 2018).") \
    X(LandscapeGrid, "Grid") \
    X(TipLandscapeGrid, "Cells a side (3 to 51; odd, so the middle cell is the run's weights). Each cell is one pass over the training split.") \
    X(LandscapeCompute, "Compute") \
    X(LandscapeCancel, "Cancel") \
    X(LandscapeProgressFmt, "%d of %d cells") \
    X(LandscapeIdle, "Press Compute: the loss is evaluated on the training split at every cell of the grid, a few cells each frame.") \
    X(LandscapeNoTrajectory, "PCA directions come from the path training took: train at least 3 epochs first, or pick random directions.") \
    X(LandscapeStale, "The run was rebuilt (new data, network or race) since this was computed: compute again.") \
    X(LandscapeCancelled, "Cancelled: the cells computed so far are shown.") \
    X(LandscapeEpochFmt, "Around the weights of epoch %lld, training loss %.4g.") \
    X(LandscapeMovedOn, "The run has trained on since: compute again to follow it.") \
    X(LandscapeExplainedFmt, "The two directions hold %.0f%% and %.0f%% of the path's spread.") \
    X(LandscapeOffPlaneFmt, "The real path leaves this plane by up to %.0f%% of its distance from the end (%.0f%% on average): a flat picture of a path in %d dimensions.") \
    X(LandscapeRangeFmt, "Across: %.3g to %.3g along the first direction; up: %.3g to %.3g along the second.") \
    X(LandscapeClampedFmt, "The grid was clamped to %d cells a side.") \
    X(LandscapeSlice, "Along the first direction only (the middle row):") \
    X(TipLandscapeMap, "Each cell is the training loss with the weights moved by a along the first direction and b along the second (darker is lower). The ring is the run's weights; the line is the path training took, seen on this plane.") \
    X(LandscapeLowHighFmt, "Loss from %.4g (dark) to %.4g (light).") \
    X(Backprop, "Backprop") \
    X(TipBackprop, "Follow one training sample through the network and back: every neuron's sum and activation, the loss, each gradient, and the update.") \
    X(BpTitle, "Backpropagation step by step") \
    X(BpSample, "Sample") \
    X(TipBpSample, "A training point: type its number, or click a point on the small map. The arrow keys step back and on.") \
    X(BpPrev, "< Back") \
    X(BpNext, "Next >") \
    X(BpStepFmt, "Step %d of %d") \
    X(TipBpMap, "The training points; click one to follow it.") \
    X(BpNoData, "This run has no training points.") \
    X(BpLayerHiddenFmt, "hidden layer %d") \
    X(BpLayerOutput, "the output layer") \
    X(BpInputFmt, "Training point %d enters as %d numbers, x = (%s); its target is t = (%s).") \
    X(BpForwardFmt, "%s, neuron %d: z = Σ w·x + b = %s + %s = %s; then a = %s(z) = %s.") \
    X(BpLossFmt, "The loss (%s) of the output a = (%s) against the target t = (%s): L = %s.") \
    X(BpFusedFmt, "Output neuron %d: with %s and this loss together, the error at z is simply dL/dz = a - t = %s - %s = %s (dL/da = %s times f′(z) = %s gives the same).") \
    X(BpFusedSoftmaxFmt, "Output neuron %d: softmax with cross-entropy gives dL/dz = a - t = %s - %s = %s.") \
    X(BpOutputFmt, "Output neuron %d: dL/da = %s, so dL/dz = dL/da · f′(z) = %s · %s = %s.") \
    X(BpOutputSoftmaxFmt, "Output neuron %d: dL/da = %s; through softmax, where every output depends on every z, dL/dz = a · (dL/da - Σ a · dL/da) = %s.") \
    X(BpGradsFmt, "%s, neuron %d: with dL/dz = %s, each incoming weight's gradient is dL/dw = a_prev · dL/dz: %s. The bias's is dL/db = dL/dz = %s.") \
    X(BpSignalFmt, "%s, neuron %d: its error signal is the sum of what its outgoing weights carry back, dL/da = Σ w · dL/dz = %s = %s; then dL/dz = dL/da · f′(z) = %s · %s = %s.") \
    X(BpUpdateFmt, "%s: %s moves every weight against its gradient (learning rate %s). The largest change: w = %s → %s, where dL/dw = %s.") \
    X(BpBatchNoteFmt, "Training takes the mean gradient over a batch of %d samples; here the batch is this one sample, and dropout is off.") \
    X(BpNeuronTipFmt, "z = %s\na = %s\ndL/da = %s\ndL/dz = %s\nbias %s → %s") \
    X(BpInputTipFmt, "input %d = %s") \
    X(BpWeightTipFmt, "w from %d: %.4g -> %.4g (dL/dw %.4g)") \
    X(BpMoreFmt, "and %d more") \
    X(BpMoreTermsFmt, " … (%d terms)") \
    X(RipeLabel, "ripe")                                                                          \
    X(UnripeLabel, "unripe")                                                                      \
    X(TaskBinary, "Binary")                                                                       \
    X(TaskMulti, "k classes")                                                                     \
    X(TaskRegression, "Regression")                                                               \
    X(Language, "Language")                                                                       \
    X(LanguageSwitch, "한국어")                                                                   \
    X(TipLanguage, "페이지를 한국어로 바꿉니다. (Switch the page to Korean.)")                 \
    X(Lessons, "Lessons")                                                                         \
    X(TipLessons, "Short lessons that follow the lecture, from the oysters to dropout: each step sets up an experiment and gives a goal the page checks as you train.") \
    X(LessonsPickTitle, "Lessons that follow the lecture")                                        \
    X(LessonProgressFmt, "%d of %d steps met")                                                    \
    X(LessonStepFmt, "Step %d of %d")                                                             \
    X(LessonGoal, "Goal:")                                                                        \
    X(LessonGoalMet, "Goal met")                                                                  \
    X(MetMark, "●")                                                                               \
    X(LessonGoalOpen, "Not yet: the page checks it as you go")                                   \
    X(LessonBack, "Back")                                                                         \
    X(LessonNext, "Next")                                                                         \
    X(LessonHint, "Hint")                                                                         \
    X(LessonSetUp, "Set up again")                                                                \
    X(TipLessonSetUp, "Open this step's experiment again, from its start.")                      \
    X(LessonClose, "Close the lesson")                                                            \
    X(GoalAnd, " and ")                                                                           \
    X(MetricEpoch, "epoch")                                                                       \
    X(MetricTrainLoss, "training loss")                                                           \
    X(MetricTestLoss, "test loss")                                                                \
    X(MetricValLoss, "validation loss")                                                           \
    X(MetricTrainAccuracy, "training accuracy")                                                   \
    X(MetricTestAccuracy, "test accuracy")                                                        \
    X(MetricValAccuracy, "validation accuracy")                                                   \
    X(MetricLossGap, "test loss minus training loss")                                             \
    X(MetricHiddenLayers, "hidden layers")                                                        \
    X(MetricRuns, "runs")                                                                         \
    X(MetricEarlyStopped, "stopped early (1 = yes)")                                              \
    X(MetricBackpropStep, "step of backpropagation shown")                                       \
    X(MetricSurfaceSteps, "steps on the loss surface")                                           \
    X(MetricEnsembleAccuracy, "ensemble's test accuracy")                                        \
    X(MetricMembersMeanAccuracy, "members' mean test accuracy")                                  \
    X(MetricEnsembleGain, "ensemble's test accuracy minus its members' mean")                    \
    X(MetricMembers, "members")                                                                   \
    X(CoachTitle, "Coach")                                                                        \
    X(TipCoach, "What the run's history and neurons say about why training goes badly, and what to try.") \
    X(CoachLesson, "The lesson on it")                                                            \
    X(CoachStepFmt, "Layer %d uses the step function: its slope is zero, so no gradient passes through it and it cannot learn. Try tanh or ReLU.") \
    X(CoachPlateauFmt, "The loss has hardly moved for %lld epochs and the network does no better than guessing. Normalise the inputs, raise the learning rate, or start from random weights.") \
    X(CoachDeadReluFmt, "%d of %d ReLU units in layer %d are dead: 0 for every training point, so they never learn again. Lower the learning rate or try leaky ReLU.") \
    X(CoachSaturatedFmt, "%d of %d units in layer %d sit on their flat ends for almost every point, where the gradient vanishes. Normalise the inputs or lower the learning rate.") \
    X(CoachRisingFmt, "The training loss climbed from %.3g to %.3g: the steps overshoot the valley. Lower the learning rate.") \
    X(CoachOverfittingFmt, "The %s loss has risen since epoch %lld while the training loss keeps falling: the network is overfitting. Try early stopping, regularization, dropout or more data.") \
    X(TestLossWord, "test")

enum class Str : int {
#define NNP_APP_STR_ENUM(id, text) id,
    NNP_APP_STRINGS(NNP_APP_STR_ENUM)
#undef NNP_APP_STR_ENUM
    Count
};

enum class Language { English, Korean };

void set_language(Language lang);
// "en" / "ko" (also "ko-KR", "en-US": a browser's language tag), else nullopt.
std::optional<Language> parse_language(std::string_view code);
const char* language_code(Language lang);
// The table's id of a name (the X-macro's identifier, e.g. "LearningRate"); nullopt if none.
std::optional<Str> str_by_name(std::string_view name);
Language language();

// The text of `id` in the active language (never null).
const char* tr(Str id);

// Label of an enumeration value: the active language's label for its code name, else core's
// English label.
const char* label_for_code(std::string_view code, const char* fallback);
template <typename E>
const char* label(E value) {
    return label_for_code(enum_code(value), enum_label(value));
}

// A config field's label and tooltip (the ids its row in core's field table names).
const char* field_label(std::string_view key);
const char* field_tip(std::string_view key);

// Why a session stopped, in words (empty while it runs).
std::string describe_stop(const Session& s);

// Why MNIST's file was refused (load_mnist), in words.
std::string describe_mnist(const MnistLoad& load);

// A problem of the user's CSV data (csv.hpp) in words: where it is, what is wrong, what was done.
// The offending cell is quoted as plain text (line breaks and control bytes as spaces).
std::string describe_csv_problem(const CsvProblem& problem);
// A problem of a model file (model_file.hpp) in words.
std::string describe_model_issue(const ModelIssue& issue);
// A config's or link's problem as a sentence in the active language: core's IssueText worded
// with its args (prefixed by its context, "race[2]: ..."), or the sentence it already holds.
std::string describe_issue(const ConfigIssue& issue);

// Tooltip for an enumeration value by its code name (null if there is none).
const char* tip_for_code(std::string_view code);
template <typename E>
const char* tip(E value) {
    return tip_for_code(enum_code(value));
}
// Normalization's codes overlap other enums' ("none"), so its tips are keyed "norm." + code.
const char* tip(Normalization value);

}  // namespace nnp::app
