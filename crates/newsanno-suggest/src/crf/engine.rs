//! CRFsuite's tagger, fed attribute ids instead of attribute names.
//!
//! The `crfsuite` crate's tagger takes every attribute as a string: per
//! character and feature it allocates a C string and looks it up in the
//! model's dictionary, so a 50,000-character article spent most of its
//! tagging time in `malloc` and hashing (perf, issue #14). Here the model's
//! attribute names are read once into a Rust hash map when the model is
//! opened; features are then looked up from a reused buffer and handed to
//! the same CRFsuite tagger (Viterbi, forward-backward, marginals) as ids,
//! in an instance that points into Rust-owned memory.
//!
//! Training goes through CRFsuite's trainer directly too, for one reason: its
//! log callback tells when each L-BFGS iteration starts, which the window
//! shows as training progress (the `crfsuite` crate keeps that callback to itself).

use std::ffi::{CStr, c_int};
use std::ptr;

use crfsuite_sys::{
    __va_list_tag, crfsuite_attribute_t, crfsuite_data_t, crfsuite_dictionary_t, crfsuite_instance_t, crfsuite_item_t,
    crfsuite_model_t, crfsuite_tagger_t, crfsuite_trainer_t,
};
use rustc_hash::FxHashMap;

use newsanno_core::error::{Error, Result};

/// The size of a CRFsuite model file's header; a file no longer than it is not a model.
const HEADER_SIZE: usize = 48;

/// A CRFsuite model opened over its file's bytes, with its attribute and tag names.
pub struct OpenModel {
    // CRFsuite reads the model in place: `Drop` releases the model object
    // before the fields (the bytes) are dropped.
    model: *mut crfsuite_model_t,
    bytes: Vec<u8>,
    attribute_ids: FxHashMap<Box<str>, c_int>,
    tags: Vec<String>,
}

// CRFsuite's model object is read-only once opened: every tagger made from it
// has its own state (one tagger per thread, see `Tagger`), and the reference
// counts it keeps are updated with interlocked operations.
unsafe impl Send for OpenModel {}
unsafe impl Sync for OpenModel {}

impl std::fmt::Debug for OpenModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenModel")
            .field("bytes", &self.bytes.len())
            .field("attributes", &self.attribute_ids.len())
            .field("tags", &self.tags)
            .finish()
    }
}

fn le_u32(bytes: &[u8], at: usize) -> usize {
    bytes.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// Why `bytes` cannot be a CRFsuite model file, checked before CRFsuite reads
/// them (it trusts its header: a truncated file would make it read past the end).
fn header_problem(bytes: &[u8]) -> Option<String> {
    if bytes.get(..4) != Some(b"lCRF") {
        return Some("it does not start with CRFsuite's magic 'lCRF'".to_owned());
    }
    if bytes.len() <= HEADER_SIZE {
        return Some(format!("it has {} bytes, no more than a model file's header", bytes.len()));
    }
    let size = le_u32(bytes, 4);
    if size != bytes.len() {
        return Some(format!("its header says {size} bytes but it has {} (truncated?)", bytes.len()));
    }
    // Offsets of the features, labels, attributes, label and attribute references.
    if (0..5).map(|k| le_u32(bytes, 28 + 4 * k)).any(|offset| offset >= bytes.len()) {
        return Some("its header points past its end".to_owned());
    }
    None
}

/// Reads every string of a CRFsuite dictionary, by id.
///
/// # Safety
/// `dictionary` is a live dictionary of a live model.
unsafe fn dictionary_strings(dictionary: *mut crfsuite_dictionary_t) -> Result<Vec<String>> {
    let fail = || Error::Usage("cannot read the model's dictionary".to_owned());
    let (Some(num), Some(to_string), Some(free)) =
        (unsafe { (*dictionary).num }, unsafe { (*dictionary).to_string }, unsafe { (*dictionary).free })
    else {
        return Err(fail());
    };
    let count = unsafe { num(dictionary) };
    let mut out = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    for id in 0..count {
        let mut text: *const std::ffi::c_char = ptr::null();
        if unsafe { to_string(dictionary, id, &mut text) } != 0 || text.is_null() {
            return Err(fail());
        }
        out.push(unsafe { CStr::from_ptr(text) }.to_string_lossy().into_owned());
        unsafe { free(dictionary, text) };
    }
    Ok(out)
}

impl OpenModel {
    /// Opens a model file's bytes; `Err` with the reason when they are not one.
    pub fn open(bytes: Vec<u8>) -> std::result::Result<OpenModel, String> {
        if let Some(problem) = header_problem(&bytes) {
            return Err(problem);
        }
        let mut instance: *mut std::ffi::c_void = ptr::null_mut();
        // SAFETY: the header was checked; the bytes outlive the model (same struct, released first).
        let status = unsafe {
            crfsuite_sys::crfsuite_create_instance_from_memory(bytes.as_ptr().cast(), bytes.len(), &mut instance)
        };
        if status != 0 || instance.is_null() {
            return Err(format!("CRFsuite cannot read it (status {status})"));
        }
        let mut open =
            OpenModel { model: instance.cast(), bytes, attribute_ids: FxHashMap::default(), tags: Vec::new() };
        // SAFETY: the model is live; its dictionaries are owned by it.
        let (attributes, tags) = unsafe { (open.dictionary(false), open.dictionary(true)) };
        let attributes = attributes.map_err(|e| e.to_string())?;
        open.tags = tags.map_err(|e| e.to_string())?;
        open.attribute_ids = attributes.into_iter().enumerate().map(|(id, name)| (name.into(), id as c_int)).collect();
        Ok(open)
    }

    /// # Safety
    /// The model is live.
    unsafe fn dictionary(&self, labels: bool) -> Result<Vec<String>> {
        let get = if labels { unsafe { (*self.model).get_labels } } else { unsafe { (*self.model).get_attrs } };
        let Some(get) = get else { return Err(Error::Usage("cannot read the model's dictionary".to_owned())) };
        let mut dictionary: *mut crfsuite_dictionary_t = ptr::null_mut();
        if unsafe { get(self.model, &mut dictionary) } != 0 || dictionary.is_null() {
            return Err(Error::Usage("cannot read the model's dictionary".to_owned()));
        }
        let strings = unsafe { dictionary_strings(dictionary) };
        if let Some(release) = unsafe { (*dictionary).release } {
            unsafe { release(dictionary) };
        }
        strings
    }

    /// The model file's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The model's tags (`O`, `B-label`, `I-label`, …), by tag id.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The id of the attribute `name`, or `None` when the model never saw it.
    pub fn attribute_id(&self, name: &str) -> Option<i32> {
        self.attribute_ids.get(name).copied()
    }

    /// A tagger over this model (one per thread).
    pub fn tagger(&self) -> Result<Tagger<'_>> {
        let fail = || Error::Usage("cannot open a tagger over the model".to_owned());
        // SAFETY: the model is live for the tagger's lifetime ('_).
        let Some(get_tagger) = (unsafe { (*self.model).get_tagger }) else { return Err(fail()) };
        let mut tagger: *mut crfsuite_tagger_t = ptr::null_mut();
        if unsafe { get_tagger(self.model, &mut tagger) } != 0 || tagger.is_null() {
            return Err(fail());
        }
        Ok(Tagger { tagger, _model: self, attributes: Vec::new(), items: Vec::new(), path: Vec::new() })
    }
}

impl Drop for OpenModel {
    fn drop(&mut self) {
        // SAFETY: the model is live and released once; `bytes` is dropped after this.
        if let Some(release) = unsafe { (*self.model).release } {
            unsafe { release(self.model) };
        }
    }
}

/// CRFsuite's tagger over an [`OpenModel`], tagging one sequence at a time.
pub struct Tagger<'a> {
    tagger: *mut crfsuite_tagger_t,
    _model: &'a OpenModel,
    // Reused between sequences: the instance CRFsuite reads points into these.
    attributes: Vec<crfsuite_attribute_t>,
    items: Vec<crfsuite_item_t>,
    path: Vec<c_int>,
}

impl Tagger<'_> {
    /// Sets the sequence to tag: per item, the ids of its attributes (value 1).
    /// `item_ends[t]` is where item `t`'s ids end in `ids`.
    pub fn set(&mut self, ids: &[i32], item_ends: &[usize]) -> Result<()> {
        self.attributes.clear();
        self.attributes.extend(ids.iter().map(|&aid| crfsuite_attribute_t { aid, value: 1.0 }));
        self.items.clear();
        let base = self.attributes.as_mut_ptr();
        let mut start = 0usize;
        for &end in item_ends {
            let end = end.clamp(start, self.attributes.len());
            self.items.push(crfsuite_item_t {
                num_contents: (end - start) as c_int,
                cap_contents: (end - start) as c_int,
                // SAFETY: start ≤ end ≤ len, so the pointer stays within (or one past) the buffer.
                contents: unsafe { base.add(start) },
            });
            start = end;
        }
        let mut instance = crfsuite_instance_t {
            num_items: self.items.len() as c_int,
            cap_items: self.items.len() as c_int,
            items: self.items.as_mut_ptr(),
            labels: ptr::null_mut(),
            weight: 1.0,
            group: 0,
        };
        // SAFETY: the tagger is live; CRFsuite's `set` only reads the instance
        // (its state scores), which points into buffers that outlive the call.
        let Some(set) = (unsafe { (*self.tagger).set }) else {
            return Err(Error::Usage("tagging failed".to_owned()));
        };
        if unsafe { set(self.tagger, &mut instance) } != 0 {
            return Err(Error::Usage("tagging failed".to_owned()));
        }
        self.path.clear();
        self.path.resize(self.items.len(), 0);
        Ok(())
    }

    /// The best tag ids of the sequence last set (Viterbi), and that path's
    /// score (an unnormalised log-probability).
    pub fn viterbi(&mut self) -> Result<(&[i32], f64)> {
        let mut score = 0.0;
        // SAFETY: `path` holds one slot per item of the sequence set.
        let Some(viterbi) = (unsafe { (*self.tagger).viterbi }) else {
            return Err(Error::Usage("tagging failed".to_owned()));
        };
        if !self.path.is_empty() && unsafe { viterbi(self.tagger, self.path.as_mut_ptr(), &mut score) } != 0 {
            return Err(Error::Usage("tagging failed".to_owned()));
        }
        Ok((&self.path, score))
    }

    /// The marginal probability of tag `tag` at item `t` of the sequence last set.
    pub fn marginal(&mut self, tag: i32, t: usize) -> Result<f64> {
        let mut p = 0.0;
        // SAFETY: callers pass t < the sequence's length and a tag id of the model.
        let Some(marginal) = (unsafe { (*self.tagger).marginal_point }) else {
            return Err(Error::Usage("tagging failed".to_owned()));
        };
        if t >= self.items.len() || unsafe { marginal(self.tagger, tag, t as c_int, &mut p) } != 0 {
            return Err(Error::Usage("tagging failed".to_owned()));
        }
        Ok(p)
    }

    /// The log of the sequence's partition function (for P(path) = exp(score − lognorm)).
    pub fn lognorm(&mut self) -> Result<f64> {
        let mut norm = 0.0;
        // SAFETY: the tagger is live and a sequence is set.
        let Some(lognorm) = (unsafe { (*self.tagger).lognorm }) else {
            return Err(Error::Usage("tagging failed".to_owned()));
        };
        if unsafe { lognorm(self.tagger, &mut norm) } != 0 {
            return Err(Error::Usage("tagging failed".to_owned()));
        }
        Ok(norm)
    }
}

impl Drop for Tagger<'_> {
    fn drop(&mut self) {
        // SAFETY: the tagger is live and released once.
        if let Some(release) = unsafe { (*self.tagger).release } {
            unsafe { release(self.tagger) };
        }
    }
}

/// What CRFsuite logs when an L-BFGS iteration starts (`train_lbfgs.c`).
const ITERATION_LOG: &[u8] = b"***** Iteration #";

// CRFsuite's log callback: counts iterations into the `&dyn Fn(usize)` behind `user`.
unsafe extern "C" fn count_iterations(
    user: *mut std::ffi::c_void,
    format: *const std::ffi::c_char,
    _args: *mut __va_list_tag,
) -> c_int {
    if user.is_null() || format.is_null() {
        return 0;
    }
    // SAFETY: `user` is the `Progress` that `train` keeps alive during training.
    let progress = unsafe { &mut *user.cast::<Progress<'_>>() };
    if unsafe { CStr::from_ptr(format) }.to_bytes().starts_with(ITERATION_LOG) {
        progress.iterations += 1;
        (progress.report)(progress.iterations);
    }
    0
}

struct Progress<'a> {
    iterations: usize,
    report: &'a dyn Fn(usize),
}

// A NUL-terminated copy of `text` in `buffer` (reused: no allocation per attribute).
fn c_text<'b>(buffer: &'b mut Vec<u8>, text: &str) -> Result<&'b std::ffi::CStr> {
    buffer.clear();
    buffer.extend_from_slice(text.as_bytes());
    buffer.push(0);
    CStr::from_bytes_with_nul(buffer)
        .map_err(|_| Error::Usage(format!("a feature or tag holds a NUL character: {text:?}")))
}

// Owns CRFsuite's training data and trainer; releases both however training ends.
struct Training {
    data: crfsuite_data_t,
    trainer: *mut crfsuite_trainer_t,
}

impl Drop for Training {
    fn drop(&mut self) {
        // SAFETY: each pointer is null or a live object created below, released once.
        unsafe {
            for dictionary in [self.data.attrs, self.data.labels] {
                if !dictionary.is_null()
                    && let Some(release) = (*dictionary).release
                {
                    release(dictionary);
                }
            }
            self.data.attrs = ptr::null_mut();
            self.data.labels = ptr::null_mut();
            crfsuite_sys::crfsuite_data_finish(&mut self.data);
            if !self.trainer.is_null()
                && let Some(release) = (*self.trainer).release
            {
                release(self.trainer);
            }
        }
    }
}

/// Trains a linear-chain CRF with L-BFGS on `sequences` (per item, its
/// attribute names, value 1; and its tag) with CRFsuite's `params` (name,
/// value), writing the model file to `model_path`. `on_iteration(k)` is called
/// as iteration k starts (on this thread).
pub fn train<'s>(
    sequences: impl Iterator<Item = (&'s [Vec<String>], &'s [String])>,
    params: &[(&str, String)],
    model_path: &std::path::Path,
    on_iteration: &dyn Fn(usize),
) -> Result<()> {
    let fail = |what: &str| Error::Usage(format!("CRF training: {what}"));
    // SAFETY (whole function): CRFsuite objects are created, used on this
    // thread and released by `Training`'s Drop; instances are copied into the
    // data by `crfsuite_data_append` and finished right after.
    let mut training = Training { data: unsafe { std::mem::zeroed() }, trainer: ptr::null_mut() };
    unsafe { crfsuite_sys::crfsuite_data_init(&mut training.data) };
    let dictionary = c"dictionary";
    for slot in [&mut training.data.attrs, &mut training.data.labels] {
        let target: *mut *mut crfsuite_dictionary_t = slot;
        // crfsuite_create_instance returns non-zero on success.
        if unsafe { crfsuite_sys::crfsuite_create_instance(dictionary.as_ptr(), target.cast()) } == 0 {
            return Err(fail("cannot create a dictionary"));
        }
    }
    let (attrs, labels) = (training.data.attrs, training.data.labels);
    let (Some(attribute_id), Some(label_id)) = (unsafe { (*attrs).get }, unsafe { (*labels).get }) else {
        return Err(fail("no dictionary"));
    };
    let mut buffer = Vec::with_capacity(64);
    for (items, tags) in sequences {
        if items.is_empty() || items.len() != tags.len() {
            continue;
        }
        let mut instance: crfsuite_instance_t = unsafe { std::mem::zeroed() };
        unsafe { crfsuite_sys::crfsuite_instance_init_n(&mut instance, items.len() as c_int) };
        let filled = (|| -> Result<()> {
            for (t, (names, tag)) in items.iter().zip(tags).enumerate() {
                let item = unsafe { &mut *instance.items.add(t) };
                unsafe { crfsuite_sys::crfsuite_item_init_n(item, names.len() as c_int) };
                for (k, name) in names.iter().enumerate() {
                    let aid = unsafe { attribute_id(attrs, c_text(&mut buffer, name)?.as_ptr()) };
                    unsafe { *item.contents.add(k) = crfsuite_attribute_t { aid, value: 1.0 } };
                }
                unsafe { *instance.labels.add(t) = label_id(labels, c_text(&mut buffer, tag)?.as_ptr()) };
            }
            Ok(())
        })();
        if filled.is_ok() {
            unsafe { crfsuite_sys::crfsuite_data_append(&mut training.data, &instance) };
        }
        unsafe { crfsuite_sys::crfsuite_instance_finish(&mut instance) };
        filled?;
    }
    let trainer_target: *mut *mut crfsuite_trainer_t = &mut training.trainer;
    if unsafe { crfsuite_sys::crfsuite_create_instance(c"train/crf1d/lbfgs".as_ptr(), trainer_target.cast()) } == 0
        || training.trainer.is_null()
    {
        return Err(fail("cannot create the L-BFGS trainer"));
    }
    let trainer = training.trainer;
    let Some(get_params) = (unsafe { (*trainer).params }) else { return Err(fail("no parameters")) };
    let parameters = unsafe { get_params(trainer) };
    if parameters.is_null() {
        return Err(fail("no parameters"));
    }
    let mut set_all = || -> Result<()> {
        let Some(set) = (unsafe { (*parameters).set }) else { return Err(fail("no parameters")) };
        let mut value_buffer = Vec::new();
        for (name, value) in params {
            let name_c = c_text(&mut buffer, name)?.as_ptr();
            let value_c = c_text(&mut value_buffer, value)?.as_ptr();
            if unsafe { set(parameters, name_c, value_c) } != 0 {
                return Err(fail(&format!("unknown parameter {name}")));
            }
        }
        Ok(())
    };
    let set_result = set_all();
    if let Some(release) = unsafe { (*parameters).release } {
        unsafe { release(parameters) };
    }
    set_result?;
    let mut progress = Progress { iterations: 0, report: on_iteration };
    let Some(set_callback) = (unsafe { (*trainer).set_message_callback }) else {
        return Err(fail("no log callback"));
    };
    unsafe { set_callback(trainer, (&mut progress as *mut Progress<'_>).cast(), Some(count_iterations)) };
    let path_text = model_path.to_str().ok_or_else(|| Error::invalid(model_path, "not a UTF-8 path"))?;
    let mut path_buffer = Vec::new();
    let path_c = c_text(&mut path_buffer, path_text)?;
    let Some(run) = (unsafe { (*trainer).train }) else { return Err(fail("no trainer")) };
    let status = unsafe { run(trainer, &training.data, path_c.as_ptr(), -1) };
    // The callback must not outlive `progress`.
    unsafe { set_callback(trainer, ptr::null_mut(), None) };
    if status != 0 {
        return Err(fail(&format!("CRFsuite stopped with status {status}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_and_truncated_files_are_refused_before_crfsuite_reads_them() {
        assert!(OpenModel::open(b"not a model".to_vec()).unwrap_err().contains("magic"));
        let mut short = b"lCRF".to_vec();
        short.resize(40, 0);
        assert!(OpenModel::open(short).unwrap_err().contains("header"));
        let mut lying = b"lCRF".to_vec();
        lying.extend_from_slice(&10_000u32.to_le_bytes());
        lying.resize(200, 0);
        assert!(OpenModel::open(lying).unwrap_err().contains("truncated"));
    }
}
