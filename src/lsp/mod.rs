//! `claimlint lsp`: a language server over standard input and output.
//!
//! Built on lsp-server and lsp-types (rust-analyzer's synchronous crates):
//! one thread owns the state and handles messages in order, the checks use
//! rayon as the rest of the library does, and there is no async runtime.
//!
//! - A buffer is checked on open and save at once, and after a change once
//!   no further change has come for [`Options::debounce`] (150 ms).
//! - The buffer is checked against the workspace's notes (the `corpus` of
//!   `claimlint.toml`, else the workspace folder), read once through the
//!   claims cache and kept in memory ([`workspace`]); notes changed on disk
//!   are read again as the editor's watcher reports them, and a changed
//!   configuration is loaded again, with the corpus it names.
//! - Every other side of a conflict is the diagnostic's related
//!   information; code actions fix a misspelling, add a suppression comment
//!   or allow the word in `claimlint.toml`; hover shows a deal's figures
//!   across the workspace.
//! - Nothing the client sends stops the server: a payload that is not
//!   JSON-RPC, unknown methods, bad parameters, unknown documents, a
//!   configuration that cannot be read (a diagnostic on that file and a
//!   message), and a panic in a check are all answered or reported.

mod actions;
mod convert;
mod diagnostics;
mod hover;
pub mod transport;
pub mod workspace;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{RecvTimeoutError, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, Diagnostic, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, FileChangeType, Hover, HoverContents, HoverParams, InitializeParams,
    MarkupContent, MarkupKind, MessageType, PositionEncodingKind, PublishDiagnosticsParams, Range, Uri,
};
use serde_json::json;

use crate::source::{LineIndex, SourceKind};
use crate::sources::Text;
use convert::Encoding;
use diagnostics::Published;
use transport::send;
use workspace::{Change, ConfigSource, Effect, Workspace};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Options {
    pub config: ConfigSource,
    /// How long a buffer must rest after a change before it is checked.
    pub debounce: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self { config: ConfigSource::Discover, debounce: Duration::from_millis(150) }
    }
}

/// Serves an editor over standard input and output until it says `exit`
/// or goes away. `Ok(true)` when it asked to shut down first (exit status
/// 0, as the protocol wants; else 1).
pub fn run_stdio(options: Options) -> bool {
    let (connection, flushed) = transport::stdio();
    let clean = serve(connection, options);
    flushed.wait(Duration::from_secs(5));
    clean
}

/// An open document.
struct OpenDoc {
    uri: Uri,
    /// The file it stands for (for a buffer that is no file, a name that
    /// gives its kind).
    path: PathBuf,
    text: String,
    version: i32,
    kind: SourceKind,
    /// What was last published for it.
    published: Vec<Published>,
}

struct Server {
    sender: Sender<Message>,
    enc: Encoding,
    ws: Workspace,
    docs: HashMap<String, OpenDoc>,
    /// Buffers to check, and when.
    due: HashMap<String, Instant>,
    debounce: Duration,
    watch: bool,
    can_create_files: bool,
    /// The configuration file a diagnostic was published on.
    config_diagnosed: Option<Uri>,
    next_id: i32,
    shutting_down: bool,
}

/// Serves a connection (see [`run_stdio`]); the in-process tests drive it
/// through [`Connection::memory`].
pub fn serve(conn: Connection, options: Options) -> bool {
    // The handshake: nothing but `initialize` is answered before it.
    let (id, params) = loop {
        match conn.receiver.recv() {
            Err(_) => return false,
            Ok(Message::Request(r)) if r.method == "initialize" => break (r.id, r.params),
            Ok(Message::Request(r)) => send(
                &conn.sender,
                Response::new_err(r.id, ErrorCode::ServerNotInitialized as i32, "not initialized yet".into()),
            ),
            Ok(Message::Notification(n)) if n.method == "exit" => return false,
            Ok(_) => {}
        }
    };
    let init: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut server = Server::new(conn.sender.clone(), &init, options);
    send(&conn.sender, Response::new_ok(id, server.initialize_result()));
    loop {
        let message = match server.next_due() {
            Some(at) => match conn.receiver.recv_deadline(at) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return false,
            },
            None => match conn.receiver.recv() {
                Ok(m) => Some(m),
                Err(_) => return false,
            },
        };
        if let Some(message) = message {
            if let Message::Notification(n) = &message {
                if n.method == "exit" {
                    return server.shutting_down;
                }
            }
            let id = match &message {
                Message::Request(r) => Some(r.id.clone()),
                _ => None,
            };
            if catch_unwind(AssertUnwindSafe(|| server.handle(message))).is_err() {
                server.recover(id);
            }
        }
        if catch_unwind(AssertUnwindSafe(|| server.run_due())).is_err() {
            server.due.clear();
            server.recover(None);
        }
    }
}

fn is_note(language: &str, path: &std::path::Path) -> bool {
    matches!(language, "markdown" | "plaintext" | "text" | "txt")
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| crate::input::NOTE_EXTENSIONS.iter().any(|n| n.eq_ignore_ascii_case(e)))
}

/// The workspace folder the client names, else the current folder.
#[allow(deprecated)] // root_uri and root_path: older clients send only these.
fn root_of(init: &InitializeParams) -> PathBuf {
    init.workspace_folders
        .iter()
        .flatten()
        .find_map(|f| convert::path_of(&f.uri))
        .or_else(|| init.root_uri.as_ref().and_then(convert::path_of))
        .or_else(|| init.root_path.as_ref().map(PathBuf::from))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

impl Server {
    fn new(sender: Sender<Message>, init: &InitializeParams, options: Options) -> Self {
        let caps = &init.capabilities;
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        let workspace = caps.workspace.as_ref();
        let watch = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let can_create_files = workspace
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.resource_operations.as_ref())
            .is_some_and(|ops| ops.contains(&lsp_types::ResourceOperationKind::Create))
            && workspace.and_then(|w| w.workspace_edit.as_ref()).and_then(|e| e.document_changes)
                == Some(true);
        Self {
            sender,
            enc: if utf8 { Encoding::Utf8 } else { Encoding::Utf16 },
            ws: Workspace::new(root_of(init), options.config),
            docs: HashMap::new(),
            due: HashMap::new(),
            // `initializationOptions: {"debounceMs": 0}` checks at every
            // change (the latency benchmark measures the check so).
            debounce: init
                .initialization_options
                .as_ref()
                .and_then(|o| o.get("debounceMs"))
                .and_then(serde_json::Value::as_u64)
                .map_or(options.debounce, |ms| Duration::from_millis(ms.min(10_000))),
            watch,
            can_create_files,
            config_diagnosed: None,
            next_id: 0,
            shutting_down: false,
        }
    }

    fn initialize_result(&self) -> serde_json::Value {
        json!({
            "capabilities": {
                "positionEncoding": match self.enc { Encoding::Utf8 => "utf-8", Encoding::Utf16 => "utf-16" },
                "textDocumentSync": {"openClose": true, "change": 1, "save": {"includeText": true}},
                "hoverProvider": true,
                "codeActionProvider": {"codeActionKinds": ["quickfix"]},
            },
            "serverInfo": {"name": "claimlint", "version": env!("CARGO_PKG_VERSION")},
        })
    }

    /// After a panic: answers the request it interrupted, lets go of the
    /// state it may have left half changed, and tells the user.
    fn recover(&mut self, id: Option<RequestId>) {
        if let Some(id) = id {
            send(
                &self.sender,
                Response::new_err(
                    id,
                    ErrorCode::InternalError as i32,
                    "claimlint failed on this request".into(),
                ),
            );
        }
        self.ws.forget();
        self.log(
            MessageType::ERROR,
            "claimlint: a check failed (a bug); the workspace will be read again".into(),
        );
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        send(&self.sender, Notification::new(method.to_owned(), params));
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify("window/logMessage", json!({"type": typ, "message": message}));
    }

    fn next_due(&self) -> Option<Instant> {
        self.due.values().min().copied()
    }

    fn run_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<String> =
            self.due.iter().filter(|&(_, &at)| at <= now).map(|(u, _)| u.clone()).collect();
        for uri in ready {
            self.due.remove(&uri);
            self.check(&uri);
        }
    }

    fn handle(&mut self, message: Message) {
        match message {
            Message::Request(r) => self.request(r),
            Message::Notification(n) => self.notification(n),
            // Answers to our requests (the watcher's registration).
            Message::Response(_) => {}
        }
    }

    fn request(&mut self, r: Request) {
        let Request { id, method, params } = r;
        if self.shutting_down {
            let e = Response::new_err(id, ErrorCode::InvalidRequest as i32, "shutting down".into());
            return send(&self.sender, e);
        }
        let response = match method.as_str() {
            "shutdown" => {
                self.shutting_down = true;
                Response::new_ok(id, ())
            }
            "textDocument/hover" => match serde_json::from_value::<HoverParams>(params) {
                Ok(p) => Response::new_ok(id, self.hover(&p)),
                Err(e) => invalid(id, &method, &e),
            },
            "textDocument/codeAction" => match serde_json::from_value::<CodeActionParams>(params) {
                Ok(p) => Response::new_ok(id, self.code_actions(&p)),
                Err(e) => invalid(id, &method, &e),
            },
            "initialize" => {
                Response::new_err(id, ErrorCode::InvalidRequest as i32, "initialized already".into())
            }
            _ => Response::new_err(id, ErrorCode::MethodNotFound as i32, format!("unknown method {method}")),
        };
        send(&self.sender, response);
    }

    fn notification(&mut self, n: Notification) {
        let Notification { method, params } = n;
        // A notification cannot be answered: one that cannot be read is
        // logged and otherwise ignored.
        macro_rules! parse {
            ($t:ty) => {
                match serde_json::from_value::<$t>(params) {
                    Ok(p) => p,
                    Err(e) => return self.log(MessageType::WARNING, format!("claimlint: bad {method}: {e}")),
                }
            };
        }
        match method.as_str() {
            "initialized" => self.initialized(),
            "textDocument/didOpen" => {
                let p = parse!(DidOpenTextDocumentParams);
                let d = p.text_document;
                let path = convert::path_of(&d.uri).unwrap_or_else(|| untitled(&d.language_id));
                if !is_note(&d.language_id, &path) {
                    return;
                }
                let kind = SourceKind::from_path(&path.to_string_lossy());
                let key = d.uri.as_str().to_owned();
                let doc = OpenDoc {
                    uri: d.uri,
                    path,
                    text: d.text,
                    version: d.version,
                    kind,
                    published: Vec::new(),
                };
                self.docs.insert(key.clone(), doc);
                self.due.remove(&key);
                self.check(&key);
            }
            "textDocument/didChange" => {
                let p = parse!(DidChangeTextDocumentParams);
                let key = p.text_document.uri.as_str().to_owned();
                let enc = self.enc;
                let Some(doc) = self.docs.get_mut(&key) else { return };
                for change in p.content_changes {
                    match change.range {
                        None => doc.text = change.text,
                        Some(range) => {
                            let lines = LineIndex::new(&doc.text);
                            let start = convert::offset(&doc.text, &lines, range.start, enc);
                            let end = convert::offset(&doc.text, &lines, range.end, enc).max(start);
                            doc.text.replace_range(start..end, &change.text);
                        }
                    }
                }
                doc.version = p.text_document.version;
                self.due.insert(key, Instant::now() + self.debounce);
            }
            "textDocument/didSave" => {
                let p = parse!(DidSaveTextDocumentParams);
                let key = p.text_document.uri.as_str().to_owned();
                let Some(doc) = self.docs.get_mut(&key) else { return };
                if let Some(text) = p.text {
                    doc.text = text;
                }
                let path = doc.path.clone();
                self.due.remove(&key);
                self.check(&key);
                // The corpus's copy of the note, for the other buffers.
                if self.ws.file_changed(&path, Change::Changed) == Effect::Notes {
                    self.schedule_others(&key);
                }
            }
            "textDocument/didClose" => {
                let p = parse!(DidCloseTextDocumentParams);
                let key = p.text_document.uri.as_str().to_owned();
                self.due.remove(&key);
                if self.docs.remove(&key).is_some() {
                    self.publish(p.text_document.uri, Vec::new(), None);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                let p = parse!(DidChangeWatchedFilesParams);
                let mut effect = Effect::None;
                for change in p.changes {
                    let Some(path) = convert::path_of(&change.uri) else { continue };
                    let kind = match change.typ {
                        FileChangeType::CREATED => Change::Created,
                        FileChangeType::DELETED => Change::Deleted,
                        _ => Change::Changed,
                    };
                    match self.ws.file_changed(&path, kind) {
                        Effect::Config => effect = Effect::Config,
                        Effect::Notes if effect == Effect::None => effect = Effect::Notes,
                        _ => {}
                    }
                }
                match effect {
                    Effect::None => {}
                    Effect::Notes => self.schedule_others(""),
                    Effect::Config => {
                        self.config_changed();
                        let now = Instant::now();
                        for key in self.docs.keys() {
                            self.due.insert(key.clone(), now);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Every open buffer but `except` is to be checked again.
    fn schedule_others(&mut self, except: &str) {
        let at = Instant::now() + self.debounce;
        for key in self.docs.keys().filter(|k| *k != except) {
            self.due.insert(key.clone(), at);
        }
    }

    fn initialized(&mut self) {
        if self.watch {
            let watchers: Vec<serde_json::Value> =
                ["**/*.{md,markdown,mdown,mkd,txt,text}", "**/claimlint.toml", "**/.claimlint.toml"]
                    .iter()
                    .map(|g| json!({"globPattern": g}))
                    .collect();
            self.next_id += 1;
            let request = Request::new(
                RequestId::from(format!("claimlint-{}", self.next_id)),
                "client/registerCapability".to_owned(),
                json!({"registrations": [{
                    "id": "claimlint-watch",
                    "method": "workspace/didChangeWatchedFiles",
                    "registerOptions": {"watchers": watchers},
                }]}),
            );
            send(&self.sender, request);
        }
        self.config_changed();
        // The corpus is read now, so that the first buffer opened is
        // checked as fast as the next ones.
        let started = Instant::now();
        let (notes, errors) = self.ws.load();
        let unreadable = if errors > 0 { format!(" ({errors} could not be read)") } else { String::new() };
        self.log(
            MessageType::INFO,
            format!(
                "claimlint: {notes} notes under {} read in {:.2} s{unreadable}",
                self.ws.root.display(),
                started.elapsed().as_secs_f64()
            ),
        );
    }

    /// Publishes (or clears) the configuration's diagnostic, and says so
    /// when it cannot be used.
    fn config_changed(&mut self) {
        let Some(problem) = self.ws.config_error.clone() else {
            if let Some(uri) = self.config_diagnosed.take() {
                self.publish(uri, Vec::new(), None);
            }
            return;
        };
        let text = Text::new(Arc::from(problem.text.as_str()));
        let range = problem.span.as_ref().map_or_else(Range::default, |s| {
            convert::range(&text, crate::source::Span::new(s.start, s.end), self.enc)
        });
        self.notify(
            "window/showMessage",
            json!({
                "type": MessageType::WARNING,
                "message": format!(
                    "claimlint: {}: {}; using the built-in defaults until it is fixed",
                    problem.path.display(),
                    problem.message
                ),
            }),
        );
        if let Some(uri) = convert::uri_of(&problem.path) {
            let diagnostic = Diagnostic {
                range,
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("claimlint".to_owned()),
                message: problem.message.clone(),
                ..Diagnostic::default()
            };
            self.publish(uri.clone(), vec![diagnostic], None);
            self.config_diagnosed = Some(uri);
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams { uri, diagnostics, version },
        );
    }

    /// Checks an open buffer and publishes its diagnostics.
    fn check(&mut self, key: &str) {
        let enc = self.enc;
        let Some(doc) = self.docs.get_mut(key) else { return };
        let uri = &doc.uri;
        let started = Instant::now();
        let (published, times) = self.ws.with_buffer(&doc.path, &doc.text, true, |view| {
            let converted = Instant::now();
            let published = diagnostics::of(view, uri, enc);
            let times =
                (view.extract_time, view.rules_time, converted.elapsed(), view.compared, view.docs.len() - 1);
            (published, times)
        });
        let diagnostics: Vec<Diagnostic> = published.iter().map(|p| p.diagnostic.clone()).collect();
        doc.published = published;
        let (uri, version) = (doc.uri.clone(), doc.version);
        let count = diagnostics.len();
        self.publish(uri.clone(), diagnostics, Some(version));
        // For the editor's log, and the latency benchmark's breakdown.
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let (extract, rules, convert, compared, notes) = times;
        self.log(
            MessageType::LOG,
            format!(
                "claimlint: checked {} (version {version}) against {compared} of {notes} notes in {:.1} ms: \
                 extract {:.1} ms, rules {:.1} ms, diagnostics {:.1} ms; {count} published",
                uri.as_str(),
                ms(started.elapsed()),
                ms(extract),
                ms(rules),
                ms(convert)
            ),
        );
    }

    fn hover(&mut self, p: &HoverParams) -> Option<Hover> {
        let at = &p.text_document_position_params;
        let doc = self.docs.get(at.text_document.uri.as_str())?;
        let text = Text::new(Arc::from(doc.text.as_str()));
        let offset = convert::offset(&text.text, &text.lines, at.position, self.enc);
        let enc = self.enc;
        let (markdown, span) =
            self.ws.with_buffer(&doc.path, &doc.text, false, |view| hover::at(view, offset))?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
            range: Some(convert::range(&text, span, enc)),
        })
    }

    fn code_actions(&mut self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(doc) = self.docs.get(p.text_document.uri.as_str()) else { return Vec::new() };
        let buffer = actions::Buffer { uri: &doc.uri, text: &doc.text, kind: doc.kind };
        let config = self.ws.config_path();
        let config_text = std::fs::read_to_string(&config).ok();
        let allow = actions::AllowList {
            path: &config,
            text: config_text.as_deref(),
            can_create: self.can_create_files,
        };
        actions::for_range(&buffer, &doc.published, p.range, &allow)
            .into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }
}

fn invalid(id: RequestId, method: &str, e: &serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, format!("bad parameters for {method}: {e}"))
}

/// A name for a buffer that is no file, of its language's kind.
fn untitled(language: &str) -> PathBuf {
    PathBuf::from(if language == "markdown" { "untitled.md" } else { "untitled.txt" })
}
