//! Running one stage command: `sh -c` in its own process group, with a timeout that stops the
//! whole group, Ctrl-C caught (so the run is recorded as interrupted, not lost), the last lines
//! of output kept for the error message (shown live with `-v`), and a heartbeat while it runs.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok,
    Failed(Option<i32>),
    TimedOut,
    Interrupted,
}

impl Exit {
    pub fn code(self) -> Option<i32> {
        match self {
            Exit::Ok => Some(0),
            Exit::Failed(c) => c,
            Exit::TimedOut => Some(124),
            Exit::Interrupted => Some(130),
        }
    }
}

/// What a command printed last (at most this many lines are kept).
const TAIL: usize = 20;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// From now on, Ctrl-C (SIGINT) and SIGTERM stop the running stage instead of idp itself.
pub fn catch_interrupts() {
    let handler = on_signal as extern "C" fn(libc::c_int);
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
    }
}

/// Was the run interrupted?
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Sleep, waking early when interrupted.
pub fn pause(d: Duration) {
    let end = Instant::now() + d;
    while Instant::now() < end && !interrupted() {
        std::thread::sleep((end - Instant::now()).min(Duration::from_millis(50)));
    }
}

/// Run `script` with `sh -c` in `dir` with `vars` set; `tick` is called about every 100 ms
/// while it runs, `line` with each line it prints.
pub fn run(
    script: &str,
    dir: &Path,
    vars: &[(String, String)],
    timeout: Duration,
    tick: &mut dyn FnMut(),
    line: &mut dyn FnMut(&str),
) -> anyhow::Result<(Exit, Vec<String>)> {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot start `sh`: {e}"))?;
    let pgid = child.id() as libc::pid_t;
    let (tx, rx) = mpsc::channel::<String>();
    if let Some(out) = child.stdout.take() {
        forward(out, tx.clone());
    }
    if let Some(err) = child.stderr.take() {
        forward(err, tx);
    }
    let start = Instant::now();
    let mut tail: Vec<String> = Vec::new();
    let mut keep = |l: String, line: &mut dyn FnMut(&str)| {
        line(&l);
        tail.push(l);
        if tail.len() > TAIL {
            tail.remove(0);
        }
    };
    let exit = loop {
        while let Ok(l) = rx.try_recv() {
            keep(l, line);
        }
        if let Some(status) = child.try_wait()? {
            break if status.success() {
                Exit::Ok
            } else {
                Exit::Failed(status.code())
            };
        }
        if interrupted() {
            stop(pgid, &mut child);
            break Exit::Interrupted;
        }
        if start.elapsed() >= timeout {
            stop(pgid, &mut child);
            break Exit::TimedOut;
        }
        tick();
        let left = timeout.saturating_sub(start.elapsed());
        if let Ok(l) = rx.recv_timeout(left.min(Duration::from_millis(100))) {
            keep(l, line);
        }
    };
    // Whatever is still buffered (a background child that keeps the pipe open is not waited for).
    let drain_until = Instant::now() + Duration::from_millis(200);
    while let Ok(l) = rx.recv_timeout(drain_until.saturating_duration_since(Instant::now())) {
        keep(l, line);
    }
    // Nothing the stage started outlives it.
    // SAFETY: signalling our own child's process group.
    unsafe {
        libc::killpg(pgid, libc::SIGKILL);
    }
    Ok((exit, tail))
}

fn forward(stream: impl std::io::Read + Send + 'static, tx: mpsc::Sender<String>) {
    std::thread::spawn(move || {
        for l in BufReader::new(stream).lines() {
            let Ok(l) = l else { break };
            if tx.send(l).is_err() {
                break;
            }
        }
    });
}

/// SIGTERM to the whole group, then SIGKILL after a short grace period.
fn stop(pgid: libc::pid_t, child: &mut std::process::Child) {
    // SAFETY: signalling our own child's process group.
    unsafe {
        libc::killpg(pgid, libc::SIGTERM);
    }
    let grace = Instant::now() + Duration::from_secs(2);
    while Instant::now() < grace {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: as above.
    unsafe {
        libc::killpg(pgid, libc::SIGKILL);
    }
    let _ = child.wait();
}
