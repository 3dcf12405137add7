//! `claimlint lsp` over an in-memory connection: the JSON-RPC messages an
//! editor sends, and what the server answers and publishes.

mod common;

use std::collections::VecDeque;
use std::fs;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use claimlint::lsp::{self, Options};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

const TALKS: &str =
    "---\ndate: 2025-12-03\n---\n# Amazon and OpenAI\n\nAmazon will invest up to $10 billion in OpenAI.\n";
const DEAL: &str = "---\ndate: 2025-12-20\n---\nAmazon is investing $50 billion in OpenAI.\n";
const DRAFT: &str =
    "# Draft\n\nAmazon is investing $50 billion in OpenAI.\n\nOpenAI will train on Tranium chips.\n";

/// A workspace: two notes that disagree with each other's amount, and the
/// draft.
fn workspace() -> std::path::PathBuf {
    let dir = common::tempdir("lsp");
    fs::create_dir_all(dir.join("notes")).unwrap();
    fs::write(dir.join("notes/2025-12-talks.md"), TALKS).unwrap();
    fs::write(dir.join("notes/2025-12-deal.md"), DEAL).unwrap();
    fs::write(dir.join("draft.md"), DRAFT).unwrap();
    dir.canonicalize().unwrap()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The editor's side of the connection.
struct Editor {
    conn: Connection,
    server: Option<JoinHandle<bool>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    inbox: VecDeque<Notification>,
}

const WAIT: Duration = Duration::from_secs(20);

impl Editor {
    fn start(root: &Path, capabilities: Value) -> Self {
        let (server, client) = Connection::memory();
        let options = Options { debounce: Duration::from_millis(50), ..Options::default() };
        let handle = std::thread::spawn(move || lsp::serve(server, options));
        let mut editor = Editor { conn: client, server: Some(handle), next_id: 0, inbox: VecDeque::new() };
        let result = editor.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root), "capabilities": capabilities}),
        );
        assert_eq!(result["capabilities"]["hoverProvider"], true, "{result}");
        editor.notify("initialized", json!({}));
        editor
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn.sender.send(Notification::new(method.to_owned(), params).into()).unwrap();
    }

    /// Sends a request and waits for its response, whole.
    fn call(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn.sender.send(Request::new(id.clone(), method.to_owned(), params).into()).unwrap();
        let deadline = Instant::now() + WAIT;
        loop {
            match self.conn.receiver.recv_deadline(deadline) {
                Ok(Message::Response(r)) if r.id == id => return r,
                Ok(Message::Notification(n)) => self.inbox.push_back(n),
                Ok(_) => {}
                Err(e) => panic!("no answer to {method}: {e}"),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        match self.call(method, params).response_result {
            Ok(v) => v,
            Err(e) => panic!("{method}: {e:?}"),
        }
    }

    /// The next notification of `method` for which `pick` holds.
    fn wait_for(&mut self, method: &str, pick: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.inbox.iter().position(|n| n.method == method && pick(&n.params)) {
            return self.inbox.remove(i).unwrap().params;
        }
        let deadline = Instant::now() + WAIT;
        loop {
            match self.conn.receiver.recv_deadline(deadline) {
                Ok(Message::Notification(n)) if n.method == method && pick(&n.params) => return n.params,
                Ok(Message::Notification(n)) => self.inbox.push_back(n),
                Ok(_) => {}
                Err(e) => panic!("no {method}: {e}; got {:?}", self.inbox),
            }
        }
    }

    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let params = self.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
        params["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, path: &Path, text: &str) -> Vec<Value> {
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        self.diagnostics(&uri)
    }

    /// Shuts the server down; whether it ended cleanly.
    fn shutdown(mut self) -> bool {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

fn by_rule<'a>(diagnostics: &'a [Value], rule: &str) -> &'a Value {
    diagnostics.iter().find(|d| d["code"] == rule).unwrap_or_else(|| panic!("no {rule} in {diagnostics:?}"))
}

#[test]
fn a_draft_is_checked_against_its_workspace_with_every_other_side_related() {
    let dir = workspace();
    let mut editor = Editor::start(&dir, json!({}));
    let draft = dir.join("draft.md");
    let diagnostics = editor.open(&draft, DRAFT);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    let conflict = by_rule(&diagnostics, "amount-conflict");
    assert_eq!(conflict["source"], "claimlint");
    assert_eq!(conflict["severity"], 1);
    assert_eq!(
        conflict["range"],
        json!({"start": {"line": 2, "character": 20}, "end": {"line": 2, "character": 31}})
    );
    assert!(conflict["message"].as_str().unwrap().contains("up to $10B vs $50B"), "{conflict}");
    let related = conflict["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 2, "{related:#?}");
    let talks =
        related.iter().find(|r| r["location"]["uri"] == uri(&dir.join("notes/2025-12-talks.md"))).unwrap();
    assert_eq!(talks["location"]["range"]["start"], json!({"line": 5, "character": 19}));
    assert_eq!(talks["message"], "up to $10B here; elsewhere $50B (2 mentions)");
    let misspelled = by_rule(&diagnostics, "misspelled-name");
    assert!(misspelled.get("relatedInformation").is_none_or(Value::is_null), "{misspelled}");

    // From the buffer, not the file: the draft now agrees with the talks
    // note, which still disagrees with the deal note.
    let uri_draft = uri(&draft);
    for (version, text) in
        [(2, "Amazon is investing"), (3, "Amazon will invest up to $10 billion in OpenAI.\n")]
    {
        editor.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri_draft, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }
    // Debounced: the two changes give one check, of the last text.
    let params = editor.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri_draft);
    assert_eq!(params["version"], 3, "{params}");
    let diagnostics = params["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["range"]["start"], json!({"line": 0, "character": 19}));
    assert_eq!(fs::read_to_string(&draft).unwrap(), DRAFT);
    assert!(editor.shutdown());
}

#[test]
fn code_actions_fix_suppress_and_allow() {
    let dir = workspace();
    fs::write(dir.join("claimlint.toml"), "[rules]\namount-conflict = \"warning\"\n").unwrap();
    let mut editor = Editor::start(&dir, json!({}));
    let draft = dir.join("draft.md");
    let diagnostics = editor.open(&draft, DRAFT);
    assert_eq!(by_rule(&diagnostics, "amount-conflict")["severity"], 2, "{diagnostics:#?}");
    let misspelled = by_rule(&diagnostics, "misspelled-name").clone();
    let range = misspelled["range"].clone();
    assert_eq!(range["start"], json!({"line": 4, "character": 21}));
    let actions = editor.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&draft)}, "range": range, "context": {"diagnostics": [misspelled]}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 3, "{actions:#?}");
    let fix = &actions[0];
    assert_eq!(fix["title"], "Replace `Tranium` with `Trainium`");
    assert_eq!((&fix["kind"], &fix["isPreferred"]), (&json!("quickfix"), &json!(true)));
    let edits = &fix["edit"]["changes"][uri(&draft)];
    assert_eq!(edits[0]["newText"], "Trainium");
    assert_eq!(edits[0]["range"], range);
    let suppress = &actions[1];
    assert_eq!(suppress["title"], "Suppress `misspelled-name` on this line");
    let edit = &suppress["edit"]["changes"][uri(&draft)][0];
    assert_eq!(edit["newText"], "<!-- claimlint-disable-next-line misspelled-name -->\n");
    assert_eq!(edit["range"]["start"], json!({"line": 4, "character": 0}));
    let allow = &actions[2];
    assert_eq!(allow["title"], "Add `Tranium` to the allow list in claimlint.toml");
    let config = allow["edit"]["changes"][uri(&dir.join("claimlint.toml"))][0]["newText"].as_str().unwrap();
    assert_eq!(config, "[rules]\namount-conflict = \"warning\"\n\n[lexicon]\nallow = [\"Tranium\"]\n");

    // The configuration changes on disk, as the editor applied the edit:
    // the server reloads it when the watcher says so.
    fs::write(dir.join("claimlint.toml"), config).unwrap();
    editor.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.join("claimlint.toml")), "type": 2}]}),
    );
    let diagnostics = editor.diagnostics(&uri(&draft));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "amount-conflict");

    // Nothing to do where there is no finding.
    let none = editor.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&draft)}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "context": {"diagnostics": []}}),
    );
    assert_eq!(none, json!([]));
    assert!(editor.shutdown());
}

#[test]
fn hover_shows_every_figure_of_the_deal_with_note_and_date() {
    let dir = workspace();
    let mut editor = Editor::start(&dir, json!({}));
    let draft = dir.join("draft.md");
    editor.open(&draft, DRAFT);
    let hover = editor.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&draft)}, "position": {"line": 2, "character": 25}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**Amazon's investment in OpenAI**"), "{text}");
    assert!(text.contains("**$50B** — this note:3 ← here"), "{text}");
    assert!(text.contains("**up to $10B** — notes/2025-12-talks.md:6, 2025-12-03"), "{text}");
    assert!(text.contains("**$50B** — notes/2025-12-deal.md:4, 2025-12-20"), "{text}");
    assert_eq!(hover["range"]["start"], json!({"line": 2, "character": 20}));
    // On the company's name too; nothing on a plain word.
    let on_name = editor.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&draft)}, "position": {"line": 2, "character": 2}}),
    );
    assert!(on_name["contents"]["value"].as_str().unwrap().contains("up to $10B"), "{on_name}");
    let nothing = editor.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&draft)}, "position": {"line": 0, "character": 3}}),
    );
    assert_eq!(nothing, Value::Null);
    assert!(editor.shutdown());
}

#[test]
fn bad_requests_are_answered_and_the_server_goes_on() {
    let dir = workspace();
    let mut editor = Editor::start(&dir, json!({}));
    let bad = editor.call("textDocument/hover", json!({"bogus": 1}));
    assert_eq!(bad.response_result.unwrap_err().code, -32602);
    let unknown = editor.call("claimlint/nonsense", json!({}));
    assert_eq!(unknown.response_result.unwrap_err().code, -32601);
    // Unknown documents, positions past the end, notifications that
    // cannot be read: answered or ignored.
    let hover = editor.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(hover, Value::Null);
    editor.notify("textDocument/didOpen", json!({"textDocument": 3}));
    editor.notify("textDocument/didChange", json!({"textDocument": {"uri": "file:///nowhere.md", "version": 2}, "contentChanges": [{"text": "x"}]}));
    let draft = dir.join("draft.md");
    editor.open(&draft, DRAFT);
    let past = editor.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&draft)}, "position": {"line": 99, "character": 99}}),
    );
    assert_eq!(past, Value::Null);
    // A range edit that runs past the end of the text.
    editor.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&draft), "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 40, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "more"}]}),
    );
    editor.diagnostics(&uri(&draft));
    // A note that vanished from disk is checked as the editor has it.
    fs::remove_file(&draft).unwrap();
    editor.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&draft), "type": 3}]}));
    editor.notify("textDocument/didSave", json!({"textDocument": {"uri": uri(&draft)}}));
    assert_eq!(editor.diagnostics(&uri(&draft)).len(), 2);
    assert!(editor.shutdown());
}

#[test]
fn a_broken_configuration_is_a_diagnostic_on_it_until_fixed() {
    let dir = workspace();
    let config = dir.join("claimlint.toml");
    fs::write(&config, "corpse = [\"notes\"]\n").unwrap();
    let mut editor =
        Editor::start(&dir, json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}));
    let shown = editor.wait_for("window/showMessage", |_| true);
    assert!(shown["message"].as_str().unwrap().contains("unknown field `corpse`"), "{shown}");
    let diagnostics = editor.diagnostics(&uri(&config));
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["range"]["start"], json!({"line": 0, "character": 0}));
    // The built-in defaults meanwhile.
    assert_eq!(editor.open(&dir.join("draft.md"), DRAFT).len(), 2);
    fs::write(&config, "corpus = [\"notes\"]\n").unwrap();
    editor.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&config), "type": 2}]}));
    assert!(editor.diagnostics(&uri(&config)).is_empty());
    assert!(editor.shutdown());
}

#[test]
fn notes_changed_on_disk_are_read_again() {
    let dir = workspace();
    let mut editor = Editor::start(&dir, json!({}));
    let draft = dir.join("draft.md");
    let text = "Google invested $2 billion in Anthropic.\n";
    assert!(editor.open(&draft, text).is_empty());
    let new = dir.join("notes/2025-12-google.md");
    fs::write(&new, "Google invested $3 billion in Anthropic.\n").unwrap();
    editor.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&new), "type": 1}]}));
    let diagnostics = editor.diagnostics(&uri(&draft));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let related = &diagnostics[0]["relatedInformation"][0]["location"]["uri"];
    assert_eq!(related, &json!(uri(&new)));
    fs::remove_file(&new).unwrap();
    editor.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&new), "type": 3}]}));
    assert!(editor.diagnostics(&uri(&draft)).is_empty());
    assert!(editor.shutdown());
}

#[test]
fn exit_without_shutdown_is_not_clean() {
    let dir = workspace();
    let mut editor = Editor::start(&dir, json!({}));
    editor.notify("exit", Value::Null);
    assert!(!editor.server.take().unwrap().join().unwrap());
}

/// Over the binary's standard input and output: a payload that is not
/// JSON is answered with a parse error and the session goes on; the answer
/// to `shutdown` is written even when `exit` follows at once.
#[test]
fn over_stdio_a_bad_payload_is_answered_and_shutdown_is_clean() {
    let dir = workspace();
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let input = [
        frame("{bad}"),
        frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    let out = common::claimlint().arg("lsp").current_dir(&dir).write_stdin(input).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut messages = Vec::new();
    let mut rest = stdout.as_str();
    while let Some((header, after)) = rest.split_once("\r\n\r\n") {
        let length: usize = header.trim_start_matches("Content-Length: ").parse().unwrap();
        messages.push(serde_json::from_str::<Value>(&after[..length]).unwrap());
        rest = &after[length..];
    }
    assert_eq!(messages[0]["error"]["code"], -32700, "{messages:#?}");
    assert!(messages[0]["id"].is_null());
    assert!(messages.iter().any(|m| m["id"] == 1 && m["result"]["capabilities"]["hoverProvider"] == true));
    assert!(messages.iter().any(|m| m["id"] == 2 && m["result"].is_null() && m.get("error").is_none()));
}
