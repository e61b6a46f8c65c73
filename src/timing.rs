//! Phase timings for profiling builds and rebuilds: `JIANBAO_TIMINGS=1`.

use std::time::Instant;

/// Prints how long each phase took when `JIANBAO_TIMINGS` is set, for profiling.
pub struct PhaseTimer {
    last: Option<std::cell::Cell<Instant>>,
}

impl PhaseTimer {
    /// A timer that prints only when `JIANBAO_TIMINGS` is set.
    pub fn from_env() -> PhaseTimer {
        PhaseTimer {
            last: std::env::var_os("JIANBAO_TIMINGS").map(|_| std::cell::Cell::new(Instant::now())),
        }
    }

    /// Prints the time since the last lap, named `phase`.
    pub fn lap(&self, phase: &str) {
        if let Some(last) = &self.last {
            let now = Instant::now();
            eprintln!(
                "jianbao: {phase}: {:.1} ms{}",
                (now - last.get()).as_secs_f64() * 1000.0,
                resident_memory()
                    .map(|mb| format!(" ({mb} MB resident)"))
                    .unwrap_or_default()
            );
            last.set(now);
        }
    }
}

/// The process's resident memory in MB, where the system tells it (Linux).
fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
