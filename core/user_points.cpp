// Points placed by clicking (see user_points.hpp). A point packs into 30 bits: x and y as
// 0..1200 (hundredths of the plane's [-6, 6]), 11 bits each, then 8 bits of class index or of
// value as 0..200 (hundredths of [-1, 1]); big-endian in 5 base64url characters.
#include "user_points.hpp"

#include "config_codec.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace nnp {

namespace {

using link_text::base64url_value;
using link_text::kBase64Url;
constexpr int kCharsPerPoint = 5;
constexpr int kSteps = 1200;  // x, y in hundredths over [-6, 6]

float on_plane(float v) { return std::isfinite(v) ? std::clamp(v, -kPointExtent, kPointExtent) : 0.0f; }

std::shared_ptr<UserData> copy_of(const UserData& d, int extra_rows) {
    auto out = std::make_shared<UserData>();
    out->input_names = d.input_names;
    out->target_name = d.target_name;
    out->task = d.task;
    out->class_names = d.class_names;
    out->plane = true;
    out->x.resize(d.rows() + extra_rows, 2);  // n x 2
    if (d.rows() > 0) out->x.topRows(d.rows()) = d.x;
    out->label = d.label;
    if (d.task == Task::Regression) {
        out->value.resize(d.rows() + extra_rows, 1);  // n x 1
        if (d.rows() > 0) out->value.topRows(d.rows()) = d.value;
    }
    return out;
}

void set_classes(UserData& d, int classes) {
    d.class_names.clear();
    for (int c = 0; c < classes; ++c) d.class_names.push_back(std::to_string(c));
    d.task = classes == 2 ? Task::BinaryClassification : Task::MultiClassification;
}

}  // namespace

std::shared_ptr<UserData> empty_points(int classes) {
    auto d = std::make_shared<UserData>();
    d->input_names = {"x1", "x2"};
    d->target_name = "label";
    d->plane = true;
    d->x.resize(0, 2);
    if (classes <= 0) {
        d->task = Task::Regression;
        d->value.resize(0, 1);
    } else {
        set_classes(*d, std::clamp(classes, 2, kMaxPointClasses));
    }
    return d;
}

std::shared_ptr<UserData> points_of(const Dataset& data) {
    const bool values = data.task == Task::Regression;
    auto d = empty_points(values ? 0 : std::clamp(data.num_classes, 2, kMaxPointClasses));
    if (data.input_dims != 2) return d;
    const int n = data.size();
    d->x.resize(n, 2);
    if (values) d->value.resize(n, 1);
    for (int r = 0; r < n; ++r) {
        d->x(r, 0) = on_plane(data.x(r, 0));
        d->x(r, 1) = on_plane(data.x(r, 1));
        if (values) d->value(r, 0) = std::clamp(data.value(r, 0), -1.0f, 1.0f);
        else d->label.push_back(std::min(data.label[std::size_t(r)], kMaxPointClasses - 1));
    }
    return d;
}

std::shared_ptr<UserData> with_point(const UserData& data, float x, float y, int label, float value) {
    auto d = copy_of(data, 1);
    const int r = data.rows();
    d->x(r, 0) = on_plane(x);
    d->x(r, 1) = on_plane(y);
    if (d->task == Task::Regression) {
        d->value(r, 0) = std::isfinite(value) ? std::clamp(value, -1.0f, 1.0f) : 0.0f;
    } else {
        label = std::clamp(label, 0, kMaxPointClasses - 1);
        if (label >= int(d->class_names.size())) set_classes(*d, label + 1);
        d->label.push_back(label);
    }
    return d;
}

std::shared_ptr<UserData> without_point(const UserData& data, float x, float y, float radius) {
    int nearest = -1;
    float best = radius * radius;
    for (int r = 0; r < data.rows(); ++r) {
        const float dx = data.x(r, 0) - x, dy = data.x(r, 1) - y;
        if (dx * dx + dy * dy <= best) best = dx * dx + dy * dy, nearest = r;
    }
    if (nearest < 0) return nullptr;
    auto d = copy_of(data, 0);
    const int n = data.rows() - 1;
    for (int r = nearest; r < n; ++r) {
        d->x.row(r) = data.x.row(r + 1);
        if (d->task == Task::Regression) d->value(r, 0) = data.value(r + 1, 0);
    }
    d->x.conservativeResize(n, 2);
    if (d->task == Task::Regression) d->value.conservativeResize(n, 1);
    else d->label.erase(d->label.begin() + nearest);
    return d;
}

bool link_can_carry_points(const UserData& data) {
    return data.plane && data.inputs() == 2 && data.rows() <= kMaxLinkPoints &&
           int(data.class_names.size()) <= kMaxPointClasses;
}

std::string encode_points(const UserData& data) {
    if (!link_can_carry_points(data)) return {};
    const bool values = data.task == Task::Regression;
    std::string s = std::to_string(values ? 0 : int(data.class_names.size())) + ".";
    const auto step = [](float v) {
        return std::uint32_t(std::lround(std::clamp((on_plane(v) + kPointExtent) * 100.0f, 0.0f, float(kSteps))));
    };
    for (int r = 0; r < data.rows(); ++r) {
        const std::uint32_t tail = values ? std::uint32_t(std::lround(std::clamp(data.value(r, 0), -1.0f, 1.0f) * 100.0f + 100.0f))
                                          : std::uint32_t(data.label[std::size_t(r)]);
        const std::uint32_t bits = step(data.x(r, 0)) << 19 | step(data.x(r, 1)) << 8 | (tail & 0xFF);
        for (int k = kCharsPerPoint - 1; k >= 0; --k) s += kBase64Url[(bits >> (6 * k)) & 63];
    }
    return s;
}

DecodedPoints decode_points(std::string_view text) {
    DecodedPoints out;
    const std::size_t dot = text.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > 2) {
        out.problem = PointsProblem::BadText;
        return out;
    }
    int classes = 0;
    for (const char c : text.substr(0, dot)) {
        if (c < '0' || c > '9') {
            out.problem = PointsProblem::BadText;
            return out;
        }
        classes = classes * 10 + (c - '0');
    }
    if (classes == 1 || classes > kMaxPointClasses) {
        out.problem = PointsProblem::BadClasses;
        return out;
    }
    const std::string_view body = text.substr(dot + 1);
    if (body.size() % kCharsPerPoint != 0) {
        out.problem = PointsProblem::BadText;
        return out;
    }
    if (body.size() / kCharsPerPoint > std::size_t(kMaxLinkPoints)) {
        out.problem = PointsProblem::TooMany;
        return out;
    }
    auto d = empty_points(classes);
    const int n = int(body.size() / kCharsPerPoint);
    d->x.resize(n, 2);
    if (classes == 0) d->value.resize(n, 1);
    for (int r = 0; r < n; ++r) {
        std::uint32_t bits = 0;
        for (int k = 0; k < kCharsPerPoint; ++k) {
            const int v = base64url_value(body[std::size_t(r * kCharsPerPoint + k)]);
            if (v < 0) {
                out.problem = PointsProblem::BadText;
                return out;
            }
            bits = bits << 6 | std::uint32_t(v);
        }
        const std::uint32_t xs = bits >> 19 & 0x7FF, ys = bits >> 8 & 0x7FF, tail = bits & 0xFF;
        const bool bad_tail = classes == 0 ? tail > 200 : int(tail) >= classes;
        if (xs > std::uint32_t(kSteps) || ys > std::uint32_t(kSteps) || bad_tail) {
            out.problem = PointsProblem::BadText;
            return out;
        }
        d->x(r, 0) = float(int(xs)) / 100.0f - kPointExtent;
        d->x(r, 1) = float(int(ys)) / 100.0f - kPointExtent;
        if (classes == 0) d->value(r, 0) = (float(int(tail)) - 100.0f) / 100.0f;
        else d->label.push_back(int(tail));
    }
    out.data = std::move(d);
    return out;
}

}  // namespace nnp
