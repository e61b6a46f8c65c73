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
            eprintln!("jianbao: {phase}: {} ms", (now - last.get()).as_millis());
            last.set(now);
        }
    }
}
