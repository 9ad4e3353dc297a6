// Results out (see export.hpp).
#include "export.hpp"

#include "app_state.hpp"
#include "colormap.hpp"
#include "csv.hpp"
#include "model_file.hpp"
#include "strings.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace nnp::app {

namespace {

void put(std::string& out, float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", double(v));
    out += buf;
}

std::uint32_t crc32(const std::uint8_t* data, std::size_t n, std::uint32_t crc = 0) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (std::size_t i = 0; i < n; ++i) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

void put_u32(std::string& out, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out += static_cast<char>((v >> s) & 0xFF);
}

void chunk(std::string& out, const char* type, const std::string& body) {
    put_u32(out, std::uint32_t(body.size()));
    const std::size_t start = out.size();
    out.append(type, 4);
    out += body;
    put_u32(out, crc32(reinterpret_cast<const std::uint8_t*>(out.data() + start), out.size() - start));
}

}  // namespace

std::string history_csv(std::span<const HistoryRun> runs) {
    std::string out = "run,name,epoch,train_loss,val_loss,test_loss,train_accuracy,val_accuracy,test_accuracy\n";
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const Session& s = *runs[i].session;
        const bool val = s.n_val() > 0;
        std::string name;
        for (const char c : runs[i].name) name += c == '"' ? '\'' : c;
        std::vector<EpochRecord> records(s.history().records().begin(), s.history().records().end());
        if (const EpochRecord* last = s.history().latest(); last && (records.empty() || records.back().epoch < last->epoch))
            records.push_back(*last);
        for (const EpochRecord& r : records) {
            out += std::to_string(i) + ",\"" + name + "\"," + std::to_string(r.epoch) + ",";
            put(out, r.train_loss);
            out += ',';
            if (val) put(out, r.val_loss);
            out += ',';
            put(out, r.test_loss);
            out += ',';
            put(out, r.train_accuracy);
            out += ',';
            if (val) put(out, r.val_accuracy);
            out += ',';
            put(out, r.test_accuracy);
            out += '\n';
        }
    }
    return out;
}

std::string history_csv(const AppState& app) {
    std::vector<HistoryRun> runs;
    for (const Run& r : app.runs) runs.push_back({r.session.get(), r.name});
    return history_csv(runs);
}

std::string encode_png(std::span<const std::uint8_t> rgba, int width, int height) {
    std::string out = "\x89PNG\r\n\x1a\n";
    std::string header;
    put_u32(header, std::uint32_t(width));
    put_u32(header, std::uint32_t(height));
    header += std::string("\x08\x06\x00\x00\x00", 5);  // 8 bits, RGBA, deflate, no filter, no interlace
    chunk(out, "IHDR", header);
    // The image data: each row a filter byte (0) and its pixels, in zlib's stored blocks.
    std::string raw;
    raw.reserve(std::size_t(height) * (std::size_t(width) * 4 + 1));
    for (int y = 0; y < height; ++y) {
        raw += '\0';
        raw.append(reinterpret_cast<const char*>(rgba.data()) + std::size_t(y) * width * 4, std::size_t(width) * 4);
    }
    std::string z = "\x78\x01";
    for (std::size_t at = 0; at < raw.size() || at == 0;) {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - at);
        const bool last = at + n >= raw.size();
        z += static_cast<char>(last ? 1 : 0);
        z += static_cast<char>(n & 0xFF);
        z += static_cast<char>(n >> 8);
        z += static_cast<char>(~n & 0xFF);
        z += static_cast<char>((~n >> 8) & 0xFF);
        z.append(raw, at, n);
        at += n;
        if (last) break;
    }
    std::uint32_t a = 1, b = 0;  // Adler-32 of the raw data
    for (const char c : raw) {
        a = (a + static_cast<std::uint8_t>(c)) % 65521;
        b = (b + a) % 65521;
    }
    put_u32(z, b << 16 | a);
    chunk(out, "IDAT", z);
    chunk(out, "IEND", "");
    return out;
}

std::vector<std::uint8_t> output_map_rgba(const AppState& app, int scale, int& w, int& h) {
    const PictureSet& pics = app.pictures;
    const PictureInfo& info = pics.output;
    w = h = 0;
    if (info.cell < 0) return {};
    int x0, y0, x1, y1;
    pics.atlas.cell_rect(info.cell, x0, y0, x1, y1);
    scale = std::clamp(scale, 1, 16);
    const int cw = x1 - x0, ch = y1 - y0;
    w = cw * scale;
    h = ch * scale;
    std::vector<std::uint8_t> px(std::size_t(w) * std::size_t(h) * 4);
    const auto set = [&](int x, int y, Rgb c) {
        std::uint8_t* p = &px[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4];
        const auto byte = [](float v) { return std::uint8_t(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
        p[0] = byte(c.r), p[1] = byte(c.g), p[2] = byte(c.b), p[3] = 255;
    };
    const auto& texels = pics.atlas.texels();
    for (int ty = 0; ty < ch; ++ty)
        for (int tx = 0; tx < cw; ++tx) {
            const float v = texels[std::size_t(y0 + ty) * std::size_t(pics.atlas.width()) + std::size_t(x0 + tx)];
            const Rgb full = info.mode == PictureMode::Classes ? decode_class_color(v) : diverging(v, info.lo, info.hi);
            const Rgb c = mix(middle_color(), full, kPictureStrength);  // the heatmap's paler map
            for (int sy = 0; sy < scale; ++sy)
                for (int sx = 0; sx < scale; ++sx) set(tx * scale + sx, ty * scale + sy, c);
        }
    // The data points (the training ones; the test ones too when shown), over the plane's domain.
    const Session& s = app.session();
    const Dataset& d = s.data();
    const Domain& dom = app.run().grid.domain;
    const int n = app.config.show_test ? d.size() : d.test_begin();
    const float r = std::max(2.0f, 0.9f * float(scale));
    for (int i = 0; i < n && d.input_dims >= 2; ++i) {
        const int cx = d.input_dims > 2 ? app.map_x : 0, cy = d.input_dims > 2 ? app.map_y : 1;
        const float u = (d.x(i, cx) - dom.x_min) / (dom.x_max - dom.x_min) * float(w);
        const float v = (dom.y_max - d.x(i, cy)) / (dom.y_max - dom.y_min) * float(h);
        const Rgb c = d.task == Task::Regression ? diverging(d.value(i, 0), -app.value_scale, app.value_scale)
                                                 : class_color(d.label[std::size_t(i)]);
        for (int y = int(v - r - 1); y <= int(v + r + 1); ++y)
            for (int x = int(u - r - 1); x <= int(u + r + 1); ++x) {
                if (x < 0 || y < 0 || x >= w || y >= h) continue;
                const float dist = std::hypot(float(x) + 0.5f - u, float(y) + 0.5f - v);
                if (dist <= r) set(x, y, dist > r - 1.2f ? Rgb{1, 1, 1} : c);
            }
    }
    return px;
}

std::string data_csv(const AppState& app) { return write_csv(user_data_of(app.session().data())); }

const char* export_file_name(ExportKind kind) {
    switch (kind) {
        case ExportKind::Model: return "nnp-model.json";
        case ExportKind::History: return "nnp-history.csv";
        case ExportKind::Data: return "nnp-data.csv";
        case ExportKind::Map: return "nnp-map.png";
    }
    return "nnp-export";
}

bool app_export(AppState& app, ExportKind kind) {
    std::string bytes;
    const char* mime = "text/csv";
    switch (kind) {
        case ExportKind::Model:
            bytes = write_model_json(app.session());
            mime = "application/json";
            break;
        case ExportKind::History: bytes = history_csv(app); break;
        case ExportKind::Data: bytes = data_csv(app); break;
        case ExportKind::Map: {
            int w = 0, h = 0;
            const std::vector<std::uint8_t> px = output_map_rgba(app, 4, w, h);
            if (px.empty()) return false;
            bytes = encode_png(px, w, h);
            mime = "image/png";
            break;
        }
    }
    return app_save_file(app, export_file_name(kind), bytes, mime);
}

bool app_save_file(AppState& app, const char* name, const std::string& bytes, const char* mime) {
    const LinkPlatform& page = link_platform();
    bool ok = false;
    if (page.save_file) {
        ok = page.save_file(name, bytes, mime);
    } else {  // natively: a file in the working folder
        std::ofstream out(name, std::ios::binary);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        ok = bool(out);
    }
    char note[160];
    std::snprintf(note, sizeof note, tr(ok ? Str::ExportSavedFmt : Str::ExportFailedFmt), name);
    app.export_note = note;
    app.export_bytes = bytes.size();
    return ok;
}

bool app_open_model(AppState& app, std::string_view text) {
    ModelRead read = read_model_json(text);
    std::vector<ConfigIssue> issues;
    for (const ModelIssue& i : read.issues) issues.push_back({IssueCode::Malformed, "model", describe_model_issue(i)});
    bool applied = false;
    if (read.model) {
        const ModelFile& m = *read.model;
        if (m.config.data.kind == DatasetKind::Csv && !m.config.data.user && !app.csv.data) {
            issues.push_back({IssueCode::Malformed, "model", tr(Str::ModelNeedsData)});
        } else {
            app_open_link(app, encode_config(m.config));
            for (Run& r : app.runs) applied = apply_model(*r.session, m) || applied;
            for (Run& r : app.runs) r.dirty = true;
            app.pictures_dirty = true;
            if (!applied) issues.push_back({IssueCode::Malformed, "model", tr(Str::ModelWrongShape)});
        }
    }
    issues.insert(issues.end(), read.link_issues.begin(), read.link_issues.end());
    app.link.issues = std::move(issues);
    app.link.show_issues = !app.link.issues.empty();
    return applied;
}

}  // namespace nnp::app
