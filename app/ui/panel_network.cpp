// The features and network panel: the seven input features as toggles with their pictures, the
// hidden layers (add/remove layers and neurons, activation and dropout per layer), every neuron
// as a picture of its output over the input plane, and the weights as edges coloured by sign
// and widened by magnitude. Hovering a neuron shows it in the big view; hovering an edge shows
// its weight and clicking edits it; units dropped in the current step are crossed out.
#include "colormap.hpp"
#include "panels.hpp"
#include "widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace nnp::app {

namespace {

constexpr float kDropoutChoices[] = {0.0f, 0.1f, 0.2f, 0.3f, 0.5f, 0.7f, 0.9f};

using EdgeRef = PanelState::EdgeRef;

ImVec2 iv(Point p) { return ImVec2(p.x, p.y); }

// The hidden-layer header: neurons +/-, the count, activation and dropout, in a column
// `width` wide. Narrow columns get smaller buttons, the bare count and combos that show only
// their arrow (the value is in the tooltip), so nothing overlaps the next column.
void layer_controls(ExperimentConfig& next, int l, float x, float y, float width) {
    LayerSpec& layer = next.hidden[std::size_t(l)];
    ImGui::PushID(l);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    // Two buttons side by side in the column; narrow ones get less padding so "+" stays whole.
    const float b = std::min(ImGui::GetFrameHeight(), (width - 2.0f) * 0.5f);
    const float sign_w = std::max(ImGui::CalcTextSize("+").x, ImGui::CalcTextSize("-").x);
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(std::clamp((b - sign_w) * 0.5f, 0.0f, pad.x), pad.y));
    const bool at_max = layer.width >= kUiMaxNeurons;
    if (ImGui::Button("+", ImVec2(b, 0)) && !at_max) ++layer.width;
    char tip_text[160];
    std::snprintf(tip_text, sizeof tip_text, tr(Str::TipNeuronsAtMaxFmt), kUiMaxNeurons);
    tooltip(at_max ? tip_text : tr(Str::TipAddNeuron));
    ImGui::SameLine(0, 2);
    if (ImGui::Button("-", ImVec2(b, 0)) && layer.width > 1) --layer.width;
    tooltip(Str::TipRemoveNeuron);
    ImGui::PopStyleVar();
    ImGui::SetCursorScreenPos(ImVec2(x, y + ImGui::GetFrameHeightWithSpacing()));
    char count[48];
    std::snprintf(count, sizeof count, tr(Str::NeuronsFmt), layer.width);
    if (ImGui::CalcTextSize(count).x > width) std::snprintf(count, sizeof count, "%d", layer.width);
    ImGui::TextDisabled("%s", count);
    // Each combo shows its value with the arrow if that fits, else the value alone, else only
    // the arrow (the value then in the tooltip): the value is never cut.
    struct Fit {
        float width;
        ImGuiComboFlags flags;
    };
    const auto fitted = [&](const char* text) -> Fit {
        const float text_w = ImGui::CalcTextSize(text).x;
        if (combo_width(text_w) <= width) return {width, ImGuiComboFlags_None};
        if (text_w + 2.0f * ImGui::GetStyle().FramePadding.x <= width) return {width, ImGuiComboFlags_NoArrowButton};
        return {ImGui::GetFrameHeight(), ImGuiComboFlags_NoPreview};
    };
    const Fit act = fitted(label(layer.activation));
    ImGui::SetCursorScreenPos(ImVec2(x, y + 2 * ImGui::GetFrameHeightWithSpacing()));
    ImGui::SetNextItemWidth(act.width);
    enum_combo("##act", &layer.activation, [](Activation a) { return allowed_in_hidden(a); }, act.flags);
    tooltip(act.flags & ImGuiComboFlags_NoPreview ? label(layer.activation) : tr(Str::TipActivation));
    char drop_text[48];
    std::snprintf(drop_text, sizeof drop_text, "%s %g", tr(Str::DropoutShort), double(layer.dropout));
    const Fit drop = fitted(drop_text);
    ImGui::SetCursorScreenPos(ImVec2(x, y + 3 * ImGui::GetFrameHeightWithSpacing()));
    ImGui::SetNextItemWidth(drop.width);
    choice_combo("##drop", &layer.dropout, kDropoutChoices, tr(Str::DropoutShort), drop.flags);
    tooltip(drop.flags & ImGuiComboFlags_NoPreview ? drop_text : tr(Str::TipDropout));
    ImGui::PopID();
}

// Frames input pixel `pixel` (if in 0..w*h) in a w x h picture drawn over mn..mx.
void frame_pixel(ImDrawList* dl, ImVec2 mn, ImVec2 mx, int w, int h, int pixel) {
    if (pixel < 0 || pixel >= w * h) return;
    const float cw = (mx.x - mn.x) / float(w), ch = (mx.y - mn.y) / float(h);
    const ImVec2 a(mn.x + float(pixel % w) * cw, mn.y + float(pixel / w) * ch);
    dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(a.x + cw + 1, a.y + ch + 1), IM_COL32(220, 30, 30, 255), 0, 0, 2.0f);
}

// A neuron of a network on images: a first-layer neuron as the picture of its incoming weights
// (what it looks for), any other as a square in the colour of its output for the image on show.
// `pixel` (>= 0) is the input pixel the mouse is on in the output panel: its weight is framed in
// every first-layer picture, the edges it feeds.
void unit_on_image(ImDrawList* dl, const ImageView& v, const Mlp& net, const Dataset& data, int l, int j, ImVec2 mn,
                   ImVec2 mx, int pixel) {
    if (l == 0) {
        const auto W = net.weights(0);  // inputs x units: column j, stride = the row's length
        const ValueRange r = symmetric_range(W.data() + j, net.fan_in(0), net.fan_out(0));
        const int w = data.image_width, h = data.image_height;
        if (net.fan_in(0) != w * h) return;
        // Under 12 pixels a side a weight picture is noise (MNIST's 64 neurons in one column):
        // the neuron gets its output's colour instead, like the deeper ones, and the frame
        // draws thousands of rectangles fewer.
        if (mx.x - mn.x >= 12.0f * ImGui::GetFontSize() / 14.0f) {  // 12 px at UI scale 1
            draw_values(dl, mn, mx, W.data() + j, w, h, net.fan_out(0), ValueStyle::Diverging, r.lo, r.hi);
        } else if (!v.ws.h.empty() && v.ws.h[0].cols() == net.fan_out(0) && v.ws.h[0].rows() >= 1) {
            const Matrix& h0 = v.ws.h[0];
            const ValueRange vr = activation_range(net.activation(0), h0.data(), net.fan_out(0), 1);
            dl->AddRectFilled(mn, mx, to_imgui(diverging(h0(0, j), vr.lo == 0.0f ? -vr.hi : vr.lo, vr.hi)));
            return;
        }
        frame_pixel(dl, mn, mx, w, h, pixel);
        return;
    }
    if (std::size_t(l) >= v.ws.h.size() || v.ws.h[std::size_t(l)].cols() != net.fan_out(l) ||
        v.ws.h[std::size_t(l)].rows() < 1)
        return;
    const Matrix& h = v.ws.h[std::size_t(l)];
    ValueRange r = activation_range(net.activation(l), h.data(), net.fan_out(l), 1);
    if (r.lo == 0.0f) r.lo = -r.hi;  // a probability (softmax, sigmoid): white at 0, blue at 1
    const float value = h(0, j);
    dl->AddRectFilled(mn, mx, to_imgui(diverging(value, r.lo, r.hi)));
}

}  // namespace

void panel_network(PanelContext& c, const Rect& r) {
    AppState& app = c.app;
    ExperimentConfig& next = c.req.next;
    const Session& s = app.session();
    const Mlp& net = s.net();
    const PictureSet& pics = app.pictures;
    const float em = ImGui::GetFontSize();

    if (!begin_panel(c, tr(Str::PanelNetwork), r)) {
        end_panel(c);
        return;
    }
    app.hover_layer = app.hover_unit = -1;

    // Top row: add or remove hidden layers.
    const bool layers_at_max = int(next.hidden.size()) >= kUiMaxHiddenLayers;
    if (ImGui::Button(tr(Str::AddLayer)) && !layers_at_max) {
        LayerSpec spec = next.hidden.empty() ? LayerSpec{} : next.hidden.back();
        spec.dropout = 0.0f;
        next.hidden.push_back(spec);
    }
    char layers_tip[160];
    std::snprintf(layers_tip, sizeof layers_tip, tr(Str::TipLayersAtMaxFmt), kUiMaxHiddenLayers);
    tooltip(layers_at_max ? layers_tip : tr(Str::TipAddLayer));
    note_ui(c, "add_layer");
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::RemoveLayer)) && !next.hidden.empty()) next.hidden.pop_back();
    tooltip(Str::TipRemoveLayer);
    note_ui(c, "remove_layer");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::Text(tr(Str::HiddenLayersFmt), int(net.spec().hidden.size()));

    // The diagram: columns = features, hidden layers, outputs.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float label_w = 6.5f * em;
    const float controls_h = 4.0f * ImGui::GetFrameHeightWithSpacing() + 0.3f * em;
    const int hidden = int(net.spec().hidden.size());
    const int layers = net.num_layers();
    // An image set's input is the image itself, one node for all its pixels (64 nodes with 64
    // edges each would hide everything): its first layer's weights are drawn as pictures instead.
    const Dataset& data = s.data();
    const bool image = data.image_width > 0;
    // The user's data of more than two inputs: a node per column (named), or one node for all
    // when there are too many to draw.
    constexpr int kMaxColumnNodes = 16;
    const bool columns = !image && data.input_dims > 2;
    const bool one_node = image || (columns && data.input_dims > kMaxColumnNodes);
    std::vector<int> counts = {one_node ? 1 : columns ? data.input_dims : kFeatureCount};
    for (int l = 0; l < layers; ++l) counts.push_back(net.fan_out(l));
    // A first layer on images too tall for one column of readable weight pictures (MNIST's 64)
    // is a grid of them, so they can be compared; its edges are drawn as two fans, and a
    // neuron's own edges when the mouse is on it.
    constexpr int kMaxImageColumn = 16;
    const bool grid = image && layers >= 2 && net.fan_out(0) > kMaxImageColumn;
    if (grid) counts[1] = 1;  // the other columns set the node size
    const Rect area{origin.x + label_w, origin.y + controls_h, avail.x - label_w,
                    avail.y - controls_h - 0.5f * em};
    NetworkLayout lay = network_layout(area, counts, 3.6f * em, 0.8f * em);
    if (grid) grid_column(lay, area, 1, net.fan_out(0), 0.75f * (lay.column_x[2] - lay.column_x[1]), 3.6f * em);
    const float node = lay.node;
    const float col_step = counts.size() > 1 ? lay.column_x[1] - lay.column_x[0] : area.w;
    // The layer controls take what their widest entries need, up to the column's step.
    const float wanted_w = std::max(enum_combo_width<Activation>([](Activation a) { return allowed_in_hidden(a); }),
                                    choice_combo_width(kDropoutChoices, tr(Str::DropoutShort)));
    const float control_w = std::min(col_step - 0.4f * em, wanted_w);

    // Column headers: inputs, each hidden layer's controls, output.
    // "Inputs" starts over the feature names, so a narrow first column leaves it room.
    ImGui::SetCursorScreenPos(ImVec2(std::min(lay.column_x[0], origin.x + 0.2f * em), origin.y));
    ImGui::TextDisabled("%s", tr(Str::InputsLabel));
    if (next.hidden.size() == std::size_t(hidden)) {
        for (int l = 0; l < hidden; ++l)
            layer_controls(next, l, lay.column_x[std::size_t(l + 1)], origin.y, control_w);
    }
    // The output's label ends at the panel's edge at the latest.
    // Where the last layer's controls leave no room beside it, it goes under the output nodes.
    const float output_label_w = ImGui::CalcTextSize(tr(Str::OutputLabel)).x;
    const float output_label_x = std::min(lay.column_x.back(), origin.x + avail.x - output_label_w);
    const bool crowded = hidden > 0 && output_label_x < lay.column_x[std::size_t(hidden)] + control_w + 0.3f * em;
    const float output_label_y = crowded ? lay.nodes.back().back().y + node + 0.2f * em : origin.y;
    ImGui::SetCursorScreenPos(ImVec2(output_label_x, output_label_y));
    ImGui::TextDisabled("%s", tr(Str::OutputLabel));

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool mouse_in_panel = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByPopup) &&
                                Rect{area.x - label_w, area.y, area.w + label_w, area.h}.contains({mouse.x, mouse.y});

    // Enabled features in Feature order: the network's input i is the i-th enabled feature.
    std::vector<int> input_nodes;
    for (int f = 0; f < kFeatureCount; ++f)
        if (s.config().features & feature_bit(Feature(f))) input_nodes.push_back(f);

    // Edges first, under the nodes.
    std::vector<Segment>& segments = c.state.segments;
    std::vector<EdgeRef>& refs = c.state.segment_refs;
    segments.clear();
    refs.clear();
    for (int l = 0; l < layers; ++l) {
        const auto W = net.weights(l);  // fan_in x fan_out
        if (grid && (l == 0 || l == 1)) {
            // A fan from the image to the grid's left side, and from its right side to the next
            // column: every pixel feeds every neuron, every neuron every output.
            const Point g0 = lay.nodes[1][0];
            const ImVec2 left(g0.x, g0.y), right(g0.x + lay.grid_w, g0.y);
            const ImU32 fan = IM_COL32(150, 150, 150, 40), rim = IM_COL32(150, 150, 150, 110);
            ImVec2 from0, from1, to0, to1;
            if (l == 0) {
                const Point a0 = lay.nodes[0][0];
                from0 = from1 = ImVec2(a0.x + node, a0.y + node * 0.5f);
                to0 = left, to1 = ImVec2(left.x, left.y + lay.grid_h);
            } else {
                const auto& next_nodes = lay.nodes[2];
                from0 = right, from1 = ImVec2(right.x, right.y + lay.grid_h);
                to0 = ImVec2(next_nodes.front().x, next_nodes.front().y + node * 0.5f);
                to1 = ImVec2(next_nodes.back().x, next_nodes.back().y + node * 0.5f);
            }
            dl->AddQuadFilled(from0, to0, to1, from1, fan);
            dl->AddLine(from0, to0, rim, 1.0f);
            dl->AddLine(from1, to1, rim, 1.0f);
            continue;
        }
        if (l == 0 && one_node) {  // one faint line from the image (or all inputs) to each neuron it feeds
            const Point a0 = lay.nodes[0][0];
            for (int o = 0; o < net.fan_out(0); ++o) {
                const Point b0 = lay.nodes[1][std::size_t(o)];
                dl->AddLine(ImVec2(a0.x + node, a0.y + node * 0.5f), ImVec2(b0.x, b0.y + node * 0.5f),
                            IM_COL32(150, 150, 150, 110), 1.0f);
            }
            continue;
        }
        for (int i = 0; i < net.fan_in(l); ++i) {
            const int src_node = l == 0 && !columns ? (i < int(input_nodes.size()) ? input_nodes[std::size_t(i)] : -1) : i;
            if (src_node < 0) continue;
            const Point a0 = lay.nodes[std::size_t(l)][std::size_t(src_node)];
            const Point a{a0.x + node, a0.y + node * 0.5f};
            for (int o = 0; o < net.fan_out(l); ++o) {
                const Point b0 = lay.nodes[std::size_t(l + 1)][std::size_t(o)];
                const Point b{b0.x, b0.y + node * 0.5f};
                const float w = W(i, o);
                const float mag = std::isfinite(w) ? std::fabs(w) : 0.0f;
                const float alpha = std::clamp(0.25f + 0.6f * mag, 0.25f, 0.95f);
                const ImU32 col = to_imgui(w >= 0.0f ? positive_color() : negative_color(), alpha);
                // Whole-pixel widths take ImGui's cheap textured line path; alpha shows the rest.
                const float width = std::round(std::clamp(0.6f + 1.6f * mag, 0.6f, 6.0f) * c.scale);
                dl->AddLine(iv(a), iv(b), col, std::max(width, 1.0f));
                segments.push_back({a, b, 0.5f * std::max(width, 1.0f)});
                refs.push_back({l, i, o});
            }
        }
    }

    // Nodes: features (toggles), hidden units, outputs. Their pictures lie beneath the edges,
    // outlines, marks and labels (the heatmap renderer draws them first).
    bool over_node = false;
    const bool one_d = s.data().input_dims == 1;
    if (image) {
        // The image, larger than a neuron where the column has room, centred on its node.
        const Point c0 = lay.nodes[0][0];
        const float side = std::max(node, std::min({3.0f * node, 0.7f * col_step, 0.35f * area.h,
                                                    c0.x + node - origin.x}));  // not past the panel's left edge
        const Point p{c0.x + node - side, c0.y + 0.5f * (node - side)};
        const ImVec2 mn = iv(p), mx(p.x + side, p.y + side);
        const ImageView& v = app.images;
        if (v.pixels.size() == std::size_t(data.input_dims))
            draw_values(dl, mn, mx, v.pixels.data(), data.image_width, data.image_height, 1, ValueStyle::Ink, 0.0f,
                        data.pixel_max);
        dl->AddRect(mn, mx, IM_COL32(40, 40, 40, 255), 0, 0, 2.0f * c.scale);
        char inputs[64];
        std::snprintf(inputs, sizeof inputs, tr(Str::InputsImageFmt), data.image_width, data.image_height,
                      data.input_dims);
        ImGui::SetCursorScreenPos(ImVec2(std::min(p.x, origin.x + 0.2f * em), p.y + side + 0.2f * em));
        ImGui::PushTextWrapPos(std::max(p.x + side - ImGui::GetWindowPos().x, 4.0f * em));  // window-local
        ImGui::TextDisabled("%s", inputs);
        ImGui::PopTextWrapPos();
        ImGui::SetCursorScreenPos(mn);
        ImGui::InvisibleButton("##image_input", ImVec2(side, side));
        if (ImGui::IsItemHovered()) over_node = true;
        tooltip(Str::TipImageInput);
    }
    if (columns) {
        // Input columns: a plain box each, with the column's name (the whole name on hover).
        const int shown = one_node ? 1 : data.input_dims;
        for (int j = 0; j < shown; ++j) {
            const Point p = lay.nodes[0][std::size_t(j)];
            const ImVec2 mn = iv(p), mx(p.x + node, p.y + node);
            dl->AddRectFilled(mn, mx, IM_COL32(246, 246, 246, 255));
            dl->AddRect(mn, mx, IM_COL32(40, 40, 40, 255), 0, 0, 2.0f * c.scale);
            char text[64];
            if (one_node) std::snprintf(text, sizeof text, "%d", data.input_dims);
            else if (std::size_t(j) < data.input_names.size())
                std::snprintf(text, sizeof text, "%.10s", data.input_names[std::size_t(j)].c_str());
            else std::snprintf(text, sizeof text, "x%d", j + 1);
            const ImVec2 ts = ImGui::CalcTextSize(text);
            dl->AddText(ImVec2(p.x - ts.x - 0.4f * em, p.y + (node - ts.y) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), text);
            ImGui::SetCursorScreenPos(mn);
            ImGui::PushID(2000 + j);
            ImGui::InvisibleButton("##column", ImVec2(node, node));
            ImGui::PopID();
            if (ImGui::IsItemHovered()) {
                over_node = true;
                if (!one_node && std::size_t(j) < data.input_names.size()) tooltip(data.input_names[std::size_t(j)].c_str());
            }
        }
    }
    for (int f = 0; f < (image || columns ? 0 : kFeatureCount); ++f) {
        const Point p = lay.nodes[0][std::size_t(f)];
        const ImVec2 mn = iv(p), mx(p.x + node, p.y + node);
        const bool on = (next.features & feature_bit(Feature(f))) != 0;
        const bool usable = !(one_d && feature_uses_x2(Feature(f)));
        if (std::size_t(f) < pics.features.size())
            picture_at(dl, c.heat, pics.features[std::size_t(f)], mn, mx, false);
        if (!on) dl->AddRectFilled(mn, mx, IM_COL32(255, 255, 255, 170));
        dl->AddRect(mn, mx, on ? IM_COL32(40, 40, 40, 255) : IM_COL32(160, 160, 160, 255), 0, 0,
                    on ? 2.0f * c.scale : 1.0f);
        const char* name = label(Feature(f));
        const ImVec2 ts = ImGui::CalcTextSize(name);
        dl->AddText(ImVec2(p.x - ts.x - 0.4f * em, p.y + (node - ts.y) * 0.5f),
                    ImGui::GetColorU32(usable ? ImGuiCol_Text : ImGuiCol_TextDisabled), name);
        ImGui::SetCursorScreenPos(ImVec2(p.x - label_w + 0.2f * em, p.y));
        ImGui::PushID(1000 + f);
        if (ImGui::InvisibleButton("##feature", ImVec2(node + label_w - 0.2f * em, node)) && usable) {
            next.features ^= feature_bit(Feature(f));
            if (next.features == 0) next.features = feature_bit(Feature(f));  // keep one input
        }
        ImGui::PopID();
        if (ImGui::IsItemHovered()) {
            over_node = true;
            app.hover_layer = -2;
            app.hover_unit = f;
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(em * 24.0f);
                if (const char* t = tip(Feature(f))) ImGui::TextUnformatted(t);
                ImGui::TextDisabled("%s", tr(usable ? Str::TipFeature : Str::TipFeatureOneInput));
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
        }
    }
    for (int l = 0; l < layers; ++l) {
        const bool has_dropout = l < hidden && s.config().hidden[std::size_t(l)].dropout > 0.0f;
        const float side = lay.side[std::size_t(l + 1)];
        for (int j = 0; j < net.fan_out(l); ++j) {
            const Point p = lay.nodes[std::size_t(l + 1)][std::size_t(j)];
            const ImVec2 mn = iv(p), mx(p.x + side, p.y + side);
            if (image && l == 0 && std::size_t(j) < (pics.units.empty() ? 0 : pics.units[0].size()) &&
                data.image_width * data.image_height > 256) {
                // Big weight pictures (MNIST's 28x28) through the heatmap pass: one quad each.
                picture_at(dl, c.heat, pics.units[0][std::size_t(j)], mn, mx, false);
                frame_pixel(dl, mn, mx, data.image_width, data.image_height, c.state.image_hover);
            } else if (image) {
                unit_on_image(dl, app.images, net, data, l, j, mn, mx, c.state.image_hover);
            } else if (std::size_t(l) < pics.units.size() && std::size_t(j) < pics.units[std::size_t(l)].size()) {
                picture_at(dl, c.heat, pics.units[std::size_t(l)][std::size_t(j)], mn, mx, next.discretize);
            }
            if (image && l == layers - 1) {  // the output units are the digits: named inside
                char digit[16];
                std::snprintf(digit, sizeof digit, "%d", j);
                const ImVec2 ts = ImGui::CalcTextSize(digit);
                if (ts.x <= side && ts.y <= side)
                    dl->AddText(ImVec2(mn.x + 0.5f * (side - ts.x), mn.y + 0.5f * (side - ts.y)), IM_COL32(20, 20, 20, 255), digit);
            }
            dl->AddRect(mn, mx, IM_COL32(60, 60, 60, 255));
            if (has_dropout && unit_dropped(s, l, j)) {
                // Dropped in the current step: greyed out and crossed.
                dl->AddRectFilled(mn, mx, IM_COL32(40, 40, 40, 150));
                const ImU32 red = IM_COL32(220, 30, 30, 255);
                dl->AddLine(mn, mx, red, 2.0f * c.scale);
                dl->AddLine(ImVec2(mn.x, mx.y), ImVec2(mx.x, mn.y), red, 2.0f * c.scale);
            }
            if (mouse_in_panel && Rect{p.x, p.y, side, side}.contains({mouse.x, mouse.y})) {
                over_node = true;
                app.hover_layer = l;
                app.hover_unit = j;
                dl->AddRect(mn, mx, IM_COL32(0, 0, 0, 255), 0, 0, 2.5f * c.scale);
                if (ImGui::IsMouseHoveringRect(mn, mx) && !ImGui::IsPopupOpen("##weight")) {
                    ImGui::BeginTooltip();
                    ImGui::Text(tr(Str::NeuronTitleFmt), l + 1, j + 1);
                    ImGui::PushTextWrapPos(em * 24.0f);
                    ImGui::TextDisabled("%s", tr(!image ? Str::TipNeuron : l == 0 ? Str::TipWeightPicture : Str::TipUnitValue));
                    ImGui::PopTextWrapPos();
                    if (image && l == 0 && net.fan_in(0) == data.image_width * data.image_height) {
                        // The weight picture large enough to read, whatever the node's size.
                        const float side = 10.0f * em;
                        const ImVec2 at = ImGui::GetCursorScreenPos();
                        ImGui::Dummy(ImVec2(side, side));
                        const auto W = net.weights(0);
                        const ValueRange wr = symmetric_range(W.data() + j, net.fan_in(0), net.fan_out(0));
                        draw_values(ImGui::GetWindowDrawList(), at, ImVec2(at.x + side, at.y + side), W.data() + j,
                                    data.image_width, data.image_height, net.fan_out(0), ValueStyle::Diverging, wr.lo, wr.hi);
                    }
                    ImGui::EndTooltip();
                }
            }
        }
    }

    if (grid) {
        const Point g0 = lay.nodes[1][0];
        note_ui(c, "weight_grid", iv(g0), ImVec2(g0.x + lay.grid_w, g0.y + lay.grid_h));
    }
    // A grid neuron under the mouse: its own edges to the next layer, over the fan.
    if (grid && app.hover_layer == 0 && app.hover_unit >= 0 && app.hover_unit < net.fan_out(0)) {
        const int j = app.hover_unit;
        const float s1 = lay.side[1];
        const Point a0 = lay.nodes[1][std::size_t(j)];
        const auto W = net.weights(1);
        const ValueRange wr = symmetric_range(W.data() + std::size_t(j) * std::size_t(net.fan_out(1)), net.fan_out(1), 1);
        for (int o = 0; o < net.fan_out(1); ++o) {
            const Point b0 = lay.nodes[2][std::size_t(o)];
            const float w = W(j, o);
            const float mag = std::isfinite(w) ? std::fabs(w) / std::max(wr.hi, 1e-6f) : 0.0f;
            const ImU32 col = to_imgui(w >= 0.0f ? positive_color() : negative_color(), 0.35f + 0.6f * mag);
            dl->AddLine(ImVec2(a0.x + s1, a0.y + 0.5f * s1), ImVec2(b0.x, b0.y + 0.5f * node), col,
                        std::round(std::max(1.0f, 3.0f * mag * c.scale)));
        }
    }

    // Edge under the mouse: read its weight, click to edit it.
    if (mouse_in_panel && !over_node && !ImGui::IsPopupOpen("##weight")) {
        const int e = nearest_segment(segments, {mouse.x, mouse.y}, 4.0f * c.scale);
        if (e >= 0) {
            const EdgeRef ref = refs[std::size_t(e)];
            const float w = net.weights(ref.layer)(ref.from, ref.to);
            dl->AddLine(iv(segments[std::size_t(e)].a), iv(segments[std::size_t(e)].b),
                        IM_COL32(0, 0, 0, 200), 2.0f * c.scale);
            ImGui::BeginTooltip();
            ImGui::Text(tr(Str::WeightFmt), double(w));
            ImGui::PushTextWrapPos(em * 24.0f);
            ImGui::TextDisabled("%s", tr(Str::TipEdge));
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
                c.state.popup_edge = ref;
                c.state.popup_value = w;
                ImGui::OpenPopup("##weight");
            }
        }
    }
    if (ImGui::BeginPopup("##weight")) {
        // The editor stays open while the weight is stepped or typed; Enter or Close ends it.
        const EdgeRef& e = c.state.popup_edge;
        float& value = c.state.popup_value;
        ImGui::TextUnformatted(tr(Str::EditWeight));
        const float step = weight_step(value);
        const float b = ImGui::GetFrameHeight();
        if (ImGui::Button("-", ImVec2(b, 0))) {
            value -= step;
            c.req.weight = {true, e.layer, e.from, e.to, value};
        }
        ImGui::SameLine(0, 2);
        ImGui::SetNextItemWidth(6.0f * em);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        const bool enter = ImGui::InputFloat("##value", &value, 0.0f, 0.0f, "%.4g",
                                             ImGuiInputTextFlags_EnterReturnsTrue);
        if (enter || ImGui::IsItemDeactivatedAfterEdit()) c.req.weight = {true, e.layer, e.from, e.to, value};
        ImGui::SameLine(0, 2);
        if (ImGui::Button("+", ImVec2(b, 0))) {
            value += step;
            c.req.weight = {true, e.layer, e.from, e.to, value};
        }
        char step_text[48];
        std::snprintf(step_text, sizeof step_text, tr(Str::WeightStepFmt), double(step));
        ImGui::TextDisabled("%s", step_text);
        if (ImGui::Button(tr(Str::Close)) || enter) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    // The diagram was drawn at absolute positions: one item over its whole area sizes the window.
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(std::max(avail.x, 1.0f), std::max(avail.y - 0.5f * em, 1.0f)));
    end_panel(c);
}

}  // namespace nnp::app
