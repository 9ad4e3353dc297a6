// Points the user places on TF Playground's plane by clicking: user data (dataset.hpp) of two
// inputs, x1 and x2 in [-6, 6], each point a class (up to kMaxPointClasses) or a value in
// [-1, 1]. Editing makes a new data set (data is shared and never changed in place), and a set of
// up to kMaxLinkPoints points travels in a share link as `pts=` text: the number of classes (0
// for values), a '.', then 5 base64url characters a point (x and y to 0.01, the class or the
// value to 0.01), so 500 points take 2.5 KB of link.
#pragma once

#include "dataset.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace nnp {

constexpr int kMaxLinkPoints = 500;
constexpr int kMaxPointClasses = 10;
constexpr float kPointExtent = 6.0f;  // the plane: [-6, 6]^2

// An empty plane of `classes` classes (2..kMaxPointClasses), or of values (0).
std::shared_ptr<UserData> empty_points(int classes);
// The points of a data set of two inputs (every row: training, validation and test), as the
// start of an edit; its classes or values, its inputs clamped to the plane.
std::shared_ptr<UserData> points_of(const Dataset& data);
// A copy of `data` with one more point; `label` is the class (a new one up to kMaxPointClasses
// widens the classes), `value` the target of a value set. Coordinates are clamped to the plane.
std::shared_ptr<UserData> with_point(const UserData& data, float x, float y, int label, float value);
// A copy without the point nearest to (x, y) within `radius`; null when there is none there.
std::shared_ptr<UserData> without_point(const UserData& data, float x, float y, float radius);

// Whether a set can travel in a link: points on the plane, at most kMaxLinkPoints of them.
bool link_can_carry_points(const UserData& data);
std::string encode_points(const UserData& data);

enum class PointsProblem { None, BadText, TooMany, BadClasses };
struct DecodedPoints {
    std::shared_ptr<UserData> data;  // null unless problem == None
    PointsProblem problem = PointsProblem::None;
};
DecodedPoints decode_points(std::string_view text);

}  // namespace nnp
