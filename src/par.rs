//! How a build keeps both cores busy: long parallel loops cut into small
//! pieces, and large values freed beside the work rather than before it.
//!
//! rayon cuts a loop into about as many pieces as there are threads, and cuts
//! a piece again only when another thread steals it. On two cores, the last
//! piece of a loop is still a quarter or an eighth of it, which one thread
//! works through while the other has nothing left to take: at 10,000 articles,
//! 20–40 ms at the end of rendering the pages, and a little less at the end of
//! reading the articles and of rendering their bodies. Loops cut into small
//! pieces from the start (`with_max_len`) keep both threads busy to the end;
//! a piece costs rayon about a microsecond, an item of these loops tens.

/// Files per piece when rendering and writing pages: 50–100 µs each.
pub(crate) const PAGES: usize = 4;

/// Articles per piece when reading and parsing them, rendering their bodies
/// or making their cards: 5–30 µs each.
pub(crate) const ARTICLES: usize = 16;

/// Runs `work` on a thread named `name`, beside the build, when nothing
/// waits for its result: freeing what is no longer needed, or making ready
/// what is read once per process. Should no thread start, `work` is dropped
/// undone: each caller's work is freeing, or is done on first use anyway.
pub(crate) fn in_background(name: &str, work: impl FnOnce() + Send + 'static) {
    let _ = std::thread::Builder::new().name(name.to_string()).spawn(work);
}

/// Frees `value` on a thread of its own, beside the work that follows, when
/// freeing it item by item would hold up the thread that goes on with the
/// build while the other cores wait.
pub(crate) fn free_in_background<T: Send + 'static>(value: T) {
    in_background("free", move || drop(value));
}

/// `m` locked, even if a thread panicked while holding it: for values every
/// change to which is one step, so that a panic leaves them whole.
pub(crate) fn locked<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
