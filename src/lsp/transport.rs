//! JSON-RPC over standard input and output, framed with `Content-Length`
//! headers.
//!
//! lsp-server's own stdio transport stops reading at the first payload
//! that is not a JSON-RPC message, which ends the server and the editor's
//! session with it. This one answers such a payload with a JSON-RPC error
//! (`-32700` for text that is not JSON, `-32600` for JSON that is not a
//! message, with the request's id when it has one) and reads on.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, ErrorCode, Message};

/// One frame read from the client: a message, or the error response owed
/// for a payload that is not one.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    Invalid(serde_json::Value),
}

/// Payloads larger than this are refused unread (and the stream given up:
/// nothing after them can be framed again).
const MAX_PAYLOAD: usize = 256 << 20;

/// Reads one frame; `None` at the end of the input.
pub fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between frames are tolerated.
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length else {
        return Ok(Some(Frame::Invalid(error(
            None,
            ErrorCode::ParseError,
            "a frame without Content-Length",
        ))));
    };
    if length > MAX_PAYLOAD {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("a payload of {length} bytes")));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

/// A payload as a message, or the error that answers it.
fn parse(body: &[u8]) -> Frame {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Frame::Invalid(error(None, ErrorCode::ParseError, &format!("not JSON: {e}"))),
    };
    let id = value.get("id").filter(|id| id.is_string() || id.is_number()).cloned();
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Frame::Message(message),
        Err(e) => {
            Frame::Invalid(error(id, ErrorCode::InvalidRequest, &format!("not a JSON-RPC message: {e}")))
        }
    }
}

fn error(id: Option<serde_json::Value>, code: ErrorCode, message: &str) -> serde_json::Value {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(serde_json::Value::Null),
        "error": {"code": code as i32, "message": message},
    })
}

/// Writes one frame holding `payload`.
fn write_frame(out: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", payload.len()).into_bytes();
    frame.extend_from_slice(payload);
    out.write_all(&frame)?;
    out.flush()
}

/// What goes to the client: a message, or the answer to an invalid payload.
enum Out {
    Message(Message),
    Raw(serde_json::Value),
}

/// Told when everything sent has been written.
pub struct Flushed(Receiver<()>);

impl Flushed {
    /// Waits (at most `limit`) until every message sent before the
    /// connection was dropped has been written: the answer to `shutdown`
    /// must reach the client even when `exit` came right behind it.
    pub fn wait(self, limit: std::time::Duration) {
        let _ = self.0.recv_timeout(limit);
    }
}

/// A connection over standard input and output. The reader thread ends
/// with the input (or `exit`), the writer once the connection and the
/// reader are gone and all is written.
pub fn stdio() -> (Connection, Flushed) {
    let (to_server, from_client) = unbounded::<Message>();
    let (to_writer, writer_queue) = unbounded::<Out>();
    let (to_client, from_server) = unbounded::<Message>();
    let (done, flushed) = unbounded::<()>();
    spawn_writer(writer_queue, done);
    // Messages from the server go through the one writer, in order.
    let forward = to_writer.clone();
    let _ = thread::Builder::new().name("claimlint-lsp-forward".into()).spawn(move || {
        for message in from_server {
            if forward.send(Out::Message(message)).is_err() {
                break;
            }
        }
    });
    let _ = thread::Builder::new().name("claimlint-lsp-reader".into()).spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            match read_frame(&mut input) {
                Ok(Some(Frame::Message(message))) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if to_server.send(message).is_err() || exit {
                        break;
                    }
                }
                Ok(Some(Frame::Invalid(answer))) => {
                    if to_writer.send(Out::Raw(answer)).is_err() {
                        break;
                    }
                }
                // The end of the input, or a stream that cannot be framed.
                Ok(None) | Err(_) => break,
            }
        }
    });
    (Connection { sender: to_client, receiver: from_client }, Flushed(flushed))
}

fn spawn_writer(queue: Receiver<Out>, done: Sender<()>) {
    let _ = thread::Builder::new().name("claimlint-lsp-writer".into()).spawn(move || {
        let stdout = io::stdout();
        for out in queue {
            let payload = match out {
                Out::Message(message) => {
                    let mut framed = Vec::new();
                    // lsp-server frames its own messages; keep its bytes.
                    if message.write(&mut framed).is_err() {
                        continue;
                    }
                    let mut lock = stdout.lock();
                    if lock.write_all(&framed).and_then(|()| lock.flush()).is_err() {
                        break;
                    }
                    continue;
                }
                Out::Raw(value) => value.to_string().into_bytes(),
            };
            if write_frame(&mut stdout.lock(), &payload).is_err() {
                break;
            }
        }
        let _ = done.send(());
    });
}

/// Sends through the connection, ignoring a client that has gone: there is
/// no one left to tell.
pub fn send(sender: &Sender<Message>, message: impl Into<Message>) {
    let _ = sender.send(message.into());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<Frame> {
        let mut r = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut r).unwrap() {
            out.push(f);
        }
        out
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_bad_payload_is_answered_and_the_next_one_read() {
        let input = [
            framed("{not json"),
            framed(r#"{"jsonrpc":"2.0","id":7,"params":{}}"#),
            framed(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
        ]
        .concat();
        let got = frames(&input);
        assert_eq!(got.len(), 3);
        let Frame::Invalid(e) = &got[0] else { panic!("{got:?}") };
        assert_eq!(e["error"]["code"], -32700);
        assert!(e["id"].is_null());
        let Frame::Invalid(e) = &got[1] else { panic!("{got:?}") };
        assert_eq!((e["error"]["code"].as_i64(), e["id"].as_i64()), (Some(-32600), Some(7)));
        assert!(matches!(&got[2], Frame::Message(Message::Request(r)) if r.method == "shutdown"));
    }

    #[test]
    fn headers_are_read_in_any_case_and_a_frame_without_length_is_an_error() {
        let input = format!("content-length: 2\r\nContent-Type: x\r\n\r\n{{}}{}", "X-Other: 1\r\n\r\n");
        let got = frames(&input);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[1], Frame::Invalid(e) if e["error"]["code"] == -32700));
    }
}
