// The app's JavaScript accessor, GL-free: the state as JSON (epoch, losses, config, frame
// times, the share link and the issues of the last link opened, where the output picture is
// on screen) and commands as JSON
// ({"cmd":"play"}, {"cmd":"set_optimizer","value":"adam"}, {"cmd":"set_dropout","layer":0,
// "value":0.5}, ...). js_api.cpp exports these to the page; the
// end-to-end tests drive the app through them.
#pragma once

#include "app_state.hpp"

#include <string>
#include <string_view>

namespace nnp::app {

std::string state_json(const AppState& app);

// Runs one command; returns {"ok":true} or {"ok":false,"error":"..."}. Never throws.
// Commands: play, pause, step, reset, set_optimizer (value: code), set_learning_rate (value),
// set_dropout (layer, value), set_dataset (value: code), set_speed (value), set_seed (value),
// set_hidden (value: comma-separated widths, e.g. "4,2"); races: set_race (value: "opt:sgd,adam"
// as a link's race=, "" for one run; the runs are built even when some values had problems, and
// the first problem is returned as the error), select_run (value: index); share links: open_link (value: link
// text, as app_open_link), set_include_weights (value: true/false), dismiss_link_issues;
// predict (x, y: a point of the plane) returns {"ok":true,"output":[...]}, the network's
// outputs there by core's forward pass (dropout off).
std::string run_command(AppState& app, std::string_view json);

}  // namespace nnp::app
