//! Rendered cards kept in memory, keyed by their URL signature, bounded by total bytes;
//! the oldest entries leave first.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use axum::body::Bytes;

/// Bytes of PNG kept at most.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

#[derive(Default)]
pub struct RenderCache {
    inner: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    images: HashMap<String, Bytes>,
    order: VecDeque<String>,
    bytes: usize,
}

impl RenderCache {
    /// The cached image for `signature`.
    pub fn get(&self, signature: &str) -> Option<Bytes> {
        self.inner.lock().expect("render cache lock").images.get(signature).cloned()
    }

    /// Keeps `image`, evicting the oldest images beyond [`MAX_BYTES`].
    pub fn insert(&self, signature: String, image: Bytes) {
        if image.len() > MAX_BYTES {
            return;
        }
        let mut entries = self.inner.lock().expect("render cache lock");
        if entries.images.contains_key(&signature) {
            return;
        }
        while entries.bytes + image.len() > MAX_BYTES {
            let Some(oldest) = entries.order.pop_front() else { break };
            let removed = entries.images.remove(&oldest).map_or(0, |image| image.len());
            entries.bytes -= removed;
        }
        entries.bytes += image.len();
        entries.order.push_back(signature.clone());
        entries.images.insert(signature, image);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_images_until_the_byte_bound_then_drops_the_oldest() {
        let cache = RenderCache::default();
        let big = Bytes::from(vec![0u8; MAX_BYTES / 2]);
        cache.insert("a".into(), big.clone());
        cache.insert("b".into(), big.clone());
        assert!(cache.get("a").is_some() && cache.get("b").is_some());
        cache.insert("c".into(), big);
        assert!(cache.get("a").is_none() && cache.get("b").is_some() && cache.get("c").is_some());
        cache.insert("huge".into(), Bytes::from(vec![0u8; MAX_BYTES + 1]));
        assert!(cache.get("huge").is_none());
    }
}
