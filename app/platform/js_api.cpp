// The JavaScript side of the app (web build only). The accessor: the page and the end-to-end
// tests read the app's state and send it commands as JSON through two exported C functions, e.g.
//   JSON.parse(Module.ccall('nnp_app_state_json', 'string', [], []))
//   Module.ccall('nnp_app_command', 'string', ['string'], ['{"cmd":"play"}'])
// And the share-link glue behind link_platform(): location.hash, `hashchange`,
// history.replaceState and the Clipboard API. Link text only ever travels as plain strings.
#include "app_api.hpp"
#include "app_main.hpp"

#include <emscripten/emscripten.h>

#include <span>
#include <string>

namespace {

// Listens for `hashchange` (once); the frame picks the change up with js_take_hash_change.
EM_JS(void, js_listen_hash, (), {
    if (Module.nnpHashListening) return;
    Module.nnpHashListening = true;
    window.addEventListener("hashchange", function() { Module.nnpHashChanged = true; });
});

EM_JS(int, js_take_hash_change, (), {
    var changed = Module.nnpHashChanged === true;
    Module.nnpHashChanged = false;
    return changed ? 1 : 0;
});

// location.hash is percent-encoded ASCII. At most `size` - 1 bytes are copied: a longer hash
// still arrives longer than kMaxLinkLength, so the decoder refuses it whole.
EM_JS(int, js_hash_bytes, (), { return lengthBytesUTF8(location.hash); });
EM_JS(void, js_read_hash, (char* out, int size), { stringToUTF8(location.hash, out, size); });

// Replaces the current history entry: the back button is not filled with edits. (JS strings in
// EM_JS use double quotes: the C preprocessor reads '' as an empty character constant.)
EM_JS(void, js_write_hash, (const char* text), {
    history.replaceState(null, "", "#" + UTF8ToString(text));
});

// The page's address without the fragment (origin, path and query), to which "Copy link" adds
// the experiment's fragment.
EM_JS(int, js_address_bytes, (), { return lengthBytesUTF8(location.href.split("#")[0]); });
EM_JS(void, js_read_address, (char* out, int size), { stringToUTF8(location.href.split("#")[0], out, size); });

// Starts a clipboard write; js_copy_status then reports 1 pending, 2 copied, 3 failed (no
// Clipboard API, e.g. a page not served over https, or the browser refused).
EM_JS(void, js_copy, (const char* text), {
    var s = UTF8ToString(text);
    Module.nnpCopyStatus = 1;
    try {
        navigator.clipboard.writeText(s).then(function() { Module.nnpCopyStatus = 2; },
                                              function() { Module.nnpCopyStatus = 3; });
        // Keys (space, s, r) go on reaching the app after the page's clipboard action.
        if (Module.canvas && document.activeElement !== Module.canvas) Module.canvas.focus();
    } catch (e) {
        Module.nnpCopyStatus = 3;
    }
});

EM_JS(int, js_copy_status, (), { return Module.nnpCopyStatus | 0; });

// Fetches a file beside the page into the module's memory and hands it to nnp_file_arrived
// (freed after the call), or the reason to nnp_file_failed.
EM_JS(void, js_fetch_file, (const char* name_ptr), {
    const name = UTF8ToString(name_ptr);
    fetch(name).then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.arrayBuffer();
    }).then((buffer) => {
        const bytes = new Uint8Array(buffer);
        const ptr = _malloc(Math.max(bytes.length, 1));
        HEAPU8.set(bytes, ptr);
        Module.ccall("nnp_file_arrived", null, ["string", "number", "number"], [name, ptr, bytes.length]);
        _free(ptr);
    }).catch((error) => {
        Module.ccall("nnp_file_failed", null, ["string", "string"], [name, String(error && error.message || error)]);
    });
});

// Files dropped anywhere on the page, or chosen with the hidden file input (choose_file), go to
// nnp_file_dropped: the bytes when the file is at most `cap` bytes, else only its size (a file
// over the cap is refused unread). And the text of the last `paste` event, which ImGui's Ctrl+V
// reads through js_clipboard_bytes (the browser gives pasted text only to that event).
EM_JS(void, js_listen_files, (double cap), {
    if (Module.nnpFilesListening) return;
    Module.nnpFilesListening = true;
    const give = (file) => {
        if (!file) return;
        if (file.size > cap) {
            Module.ccall("nnp_file_dropped", null, ["string", "number", "number", "number"], [file.name, 0, 0, file.size]);
            return;
        }
        file.arrayBuffer().then((buffer) => {
            const bytes = new Uint8Array(buffer);
            const ptr = _malloc(Math.max(bytes.length, 1));
            HEAPU8.set(bytes, ptr);
            Module.ccall("nnp_file_dropped", null, ["string", "number", "number", "number"],
                         [file.name, ptr, bytes.length, file.size]);
            _free(ptr);
        });
    };
    window.addEventListener("dragover", (e) => { e.preventDefault(); });
    window.addEventListener("drop", (e) => {
        e.preventDefault();
        if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length > 0) give(e.dataTransfer.files[0]);
    });
    const input = document.createElement("input");
    input.type = "file";
    input.accept = ".csv,.tsv,.txt,.json,text/csv,text/plain,application/json";
    input.style.display = "none";
    input.addEventListener("change", () => {
        if (input.files && input.files.length > 0) give(input.files[0]);
        input.value = "";
        if (Module.canvas) Module.canvas.focus();
    });
    document.body.appendChild(input);
    Module.nnpFileInput = input;
    Module.nnpClipboard = "";
    document.addEventListener("paste", (e) => {
        if (e.clipboardData) Module.nnpClipboard = e.clipboardData.getData("text/plain") || "";
    });
});

// A download: the bytes as a Blob behind a link with `download`, clicked. The last one is noted
// (name, size) for the page's tests.
EM_JS(int, js_save_file, (const char* name_ptr, const unsigned char* data, int length, const char* mime_ptr), {
    try {
        const name = UTF8ToString(name_ptr);
        const blob = new Blob([HEAPU8.slice(data, data + length)], { type: UTF8ToString(mime_ptr) });
        const url = URL.createObjectURL(blob);
        const a = document.createElement("a");
        a.href = url;
        a.download = name;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        Module.nnpLastDownload = { name: name, size: length };
        return 1;
    } catch (e) {
        return 0;
    }
});

bool save_file(const char* name, const std::string& bytes, const char* mime) {
    return js_save_file(name, reinterpret_cast<const unsigned char*>(bytes.data()), int(bytes.size()), mime) != 0;
}

EM_JS(void, js_choose_file, (), { if (Module.nnpFileInput) Module.nnpFileInput.click(); });
EM_JS(int, js_clipboard_bytes, (), { return lengthBytesUTF8(Module.nnpClipboard || ""); });
EM_JS(void, js_read_clipboard, (char* out, int size), { stringToUTF8(Module.nnpClipboard || "", out, size); });

// ImGui asks for the clipboard's text on Ctrl+V: the text of the page's last paste event.
const char* clipboard_text() {
    static std::string text;
    const int bytes = js_clipboard_bytes();
    text.assign(std::size_t(bytes > 0 ? bytes : 0), '\0');
    if (!text.empty()) js_read_clipboard(text.data(), bytes + 1);
    return text.c_str();
}

std::string read_hash() {
    js_listen_hash();  // from the first read on, no change is missed
    const int bytes = js_hash_bytes();
    const int limit = int(nnp::kMaxLinkLength) + 1;
    std::string text(std::size_t(bytes < limit ? bytes : limit), '\0');
    if (!text.empty()) js_read_hash(text.data(), int(text.size()) + 1);
    return text;
}

// The language the user last picked on this page (localStorage), else the browser's first one.
EM_JS(int, js_language_bytes, (), {
    var lang = "";
    try { lang = localStorage.getItem("nnp.lang") || ""; } catch (e) {}
    if (!lang) lang = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    Module.nnpLanguage = String(lang).slice(0, 32);
    return lengthBytesUTF8(Module.nnpLanguage);
});
EM_JS(void, js_read_language, (char* out, int size), { stringToUTF8(Module.nnpLanguage || "", out, size); });
EM_JS(void, js_store_language, (const char* code), {
    try { localStorage.setItem("nnp.lang", UTF8ToString(code)); } catch (e) {}
    document.documentElement.lang = UTF8ToString(code);
});

std::string preferred_language() {
    const int bytes = js_language_bytes();
    std::string text(std::size_t(bytes > 0 ? bytes : 0), '\0');
    if (!text.empty()) js_read_language(text.data(), bytes + 1);
    return text;
}

void store_language(const std::string& code) { js_store_language(code.c_str()); }

std::string page_address() {
    const int bytes = js_address_bytes();
    if (bytes <= 0 || bytes > 4096) return {};  // an absurd address: copy the fragment alone
    std::string text(std::size_t(bytes), '\0');
    js_read_address(text.data(), bytes + 1);
    return text;
}

bool take_hash_change() {
    js_listen_hash();
    return js_take_hash_change() != 0;
}

void write_hash(const std::string& text) { js_write_hash(text.c_str()); }
void fetch_file(const char* name) { js_fetch_file(name); }
void copy(const std::string& text) { js_copy(text.c_str()); }

nnp::app::CopyStatus copy_status() {
    switch (js_copy_status()) {
        case 1: return nnp::app::CopyStatus::Pending;
        case 2: return nnp::app::CopyStatus::Copied;
        case 3: return nnp::app::CopyStatus::Failed;
        default: return nnp::app::CopyStatus::None;
    }
}

// Registered before main() runs, so app_create already reads the link of the page.
[[maybe_unused]] const bool g_registered = [] {
    nnp::app::link_platform() = {take_hash_change, read_hash,       write_hash,        copy,
                                 copy_status,      page_address,    preferred_language, store_language};
    nnp::app::link_platform().fetch_file = fetch_file;
    nnp::app::link_platform().choose_file = js_choose_file;
    nnp::app::link_platform().clipboard_text = clipboard_text;
    nnp::app::link_platform().save_file = save_file;
    nnp::app::link_platform().listen_files = [] { js_listen_files(double(nnp::kMaxCsvBytes)); };
    return true;
}();

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* nnp_app_state_json() {
    static std::string text;
    if (nnp::app::app_state().runs.empty()) return "{}";  // not started yet
    text = nnp::app::state_json(nnp::app::app_state());
    return text.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* nnp_app_command(const char* json) {
    static std::string text;
    if (nnp::app::app_state().runs.empty()) return "{\"ok\":false,\"error\":\"not started\"}";
    text = nnp::app::run_command(nnp::app::app_state(), json ? json : "");
    return text.c_str();
}

EMSCRIPTEN_KEEPALIVE void nnp_file_arrived(const char* name, const unsigned char* data, int size) {
    nnp::app::app_file_arrived(nnp::app::app_state(), name ? name : "",
                               std::span<const unsigned char>(data, data && size > 0 ? std::size_t(size) : 0),
                               emscripten_get_now());
}

// A file dropped on the page or chosen: `size` is the file's size, `data` its bytes (none when
// the file is over the cap and was not read).
EMSCRIPTEN_KEEPALIVE void nnp_file_dropped(const char* name, const unsigned char* data, int length, double size) {
    nnp::app::app_open_file(nnp::app::app_state(), name ? name : "",
                            std::string(reinterpret_cast<const char*>(data), data && length > 0 ? std::size_t(length) : 0),
                            size > 0 ? std::uint64_t(size) : 0);
}

EMSCRIPTEN_KEEPALIVE void nnp_file_failed(const char* name, const char* reason) {
    nnp::app::app_file_failed(nnp::app::app_state(), name ? name : "", reason ? reason : "");
}

}  // extern "C"
