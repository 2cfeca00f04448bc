//! Decoding a JPEG at 1/2, 1/4 or 1/8 of its size with libjpeg-turbo's scaled IDCT (the
//! copy vendored by `mozjpeg-sys`, compiled from C source): the cheap first step of a
//! large reduction, as libvips' shrink-on-load (which sharp uses). Only RGB output.
//!
//! libjpeg reports errors by calling the error manager's `error_exit`, which must not
//! return (its default calls `exit()`). Ours unwinds with [`std::panic::resume_unwind`]
//! (no panic hook, no message) through libjpeg's C frames — compiled with `-fexceptions`
//! by `mozjpeg-sys`'s `unwinding` feature and declared `C-unwind` by its bindings — to a
//! [`catch_unwind`] around each call, which makes it a [`Failure`]. Corrupt-data warnings
//! count as errors. After a failure the decompressor is only destroyed, which is what
//! libjpeg documents for recovering from `error_exit`. With `panic = "abort"` nothing can
//! unwind, so [`Jpeg::open`] then refuses every file and callers use their other decoder.

use std::marker::PhantomData;
use std::os::raw::{c_int, c_long, c_ulong};
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::{mem, slice};

use mozjpeg_sys::{
    jpeg_common_struct, jpeg_create_decompress, jpeg_decompress_struct, jpeg_destroy_decompress,
    jpeg_error_mgr, jpeg_finish_decompress, jpeg_mem_src, jpeg_read_header, jpeg_read_scanlines,
    jpeg_save_markers, jpeg_start_decompress, jpeg_std_error, J_COLOR_SPACE,
};

extern "C" {
    // libjpeg-turbo's own checks, used when it picks an IDCT: 1 when the SIMD (nasm)
    // code is built in and the CPU has it, 0 otherwise (`jsimd_none.c`). They take no
    // arguments, only read CPU flags and environment variables, and never fail.
    fn jsimd_can_idct_2x2() -> c_int;
    fn jsimd_can_idct_4x4() -> c_int;
}

/// Whether the reduced IDCTs run with SIMD here: `mozjpeg-sys` builds its SIMD code only
/// when `nasm` is installed, and falls back to plain C otherwise. Plain C decodes at half
/// size more slowly than `zune-jpeg` decodes at full size (AVX2), so callers use this
/// crate only when this is true.
pub fn accelerated() -> bool {
    // SAFETY: see the declarations above.
    unsafe { jsimd_can_idct_2x2() != 0 && jsimd_can_idct_4x4() != 0 }
}

/// libjpeg refused the file (or warned about its data); `code` is its message number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    pub code: i32,
}

/// Codes for failures found here rather than by libjpeg.
const NOT_UNWINDING: i32 = -1;
const NO_PROGRESS: i32 = -2;
const TOO_LARGE: i32 = -3;
const NOT_RGB: i32 = -4;

/// A decoded image: 8-bit RGB, rows top to bottom without padding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rgb {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

/// The decompressor and its error manager, in one heap allocation that stays put while
/// libjpeg holds a pointer from one to the other.
struct State {
    cinfo: jpeg_decompress_struct,
    error: jpeg_error_mgr,
}

/// A JPEG whose header has been read.
pub struct Jpeg<'a> {
    /// From `Box::into_raw`; freed in `Drop`. A raw pointer, not a `Box`, because libjpeg
    /// keeps pointers into it (`cinfo.err`) that moving a `Box` would invalidate.
    state: *mut State,
    /// libjpeg reads from the caller's bytes (`jpeg_mem_src`) until it is destroyed.
    input: PhantomData<&'a [u8]>,
}

impl<'a> Jpeg<'a> {
    /// Reads the header of `bytes`; libjpeg will allocate at most about `max_memory`
    /// bytes for whole-image buffers (progressive files).
    pub fn open(bytes: &'a [u8], max_memory: usize) -> Result<Self, Failure> {
        if cfg!(panic = "abort") {
            return Err(Failure { code: NOT_UNWINDING });
        }
        // SAFETY: all-zero bytes are a valid `State`: its fields are raw pointers (null),
        // optional callbacks (`None`), numbers, and C enums whose first variant is 0.
        let zeroed = unsafe { mem::zeroed::<State>() };
        let mut jpeg = Jpeg { state: Box::into_raw(Box::new(zeroed)), input: PhantomData };
        // SAFETY: `state` is valid and not aliased yet. The error manager lives in the same
        // allocation as the decompressor, so `cinfo.err` stays valid as long as it is used.
        unsafe {
            let state = &mut *jpeg.state;
            jpeg_std_error(&mut state.error);
            state.error.error_exit = Some(error_exit);
            state.error.emit_message = Some(emit_message);
            state.cinfo.common.err = &mut state.error;
        }
        let length = c_ulong::try_from(bytes.len()).map_err(|_| Failure { code: TOO_LARGE })?;
        let max_memory = c_long::try_from(max_memory).unwrap_or(c_long::MAX);
        let status = jpeg.guarded(|cinfo| {
            // SAFETY: `cinfo` is a zeroed struct with `err` set, as `jpeg_create_decompress`
            // wants; after it, `mem` is libjpeg's valid memory manager. `bytes` outlives
            // the decompressor (`'a`). Errors unwind out (see the module documentation).
            unsafe {
                jpeg_create_decompress(cinfo);
                (*cinfo.common.mem).max_memory_to_use = max_memory;
                jpeg_save_markers(cinfo, APP1, 0xFFFF);
                jpeg_mem_src(cinfo, bytes.as_ptr(), length);
                jpeg_read_header(cinfo, 1)
            }
        })?;
        // 1 is JPEG_HEADER_OK; memory sources never suspend, and an image is required.
        if status != 1 {
            return Err(Failure { code: NO_PROGRESS });
        }
        Ok(jpeg)
    }

    fn cinfo(&self) -> &jpeg_decompress_struct {
        // SAFETY: `state` is valid until `Drop`; libjpeg is not running (no call is in
        // progress while `&self` is borrowed).
        unsafe { &(*self.state).cinfo }
    }

    /// The stored size (before any EXIF orientation).
    pub fn size(&self) -> (u32, u32) {
        let cinfo = self.cinfo();
        (cinfo.image_width, cinfo.image_height)
    }

    /// Whether libjpeg can convert the file to RGB (greyscale, YCbCr or RGB; not CMYK or
    /// YCCK).
    pub fn converts_to_rgb(&self) -> bool {
        use J_COLOR_SPACE::{JCS_YCbCr, JCS_GRAYSCALE, JCS_RGB};
        matches!(self.cinfo().jpeg_color_space, JCS_GRAYSCALE | JCS_RGB | JCS_YCbCr)
    }

    /// The last EXIF segment's data after its `Exif\0\0` prefix (from the TIFF header on),
    /// as `zune-jpeg` reports it.
    pub fn exif(&self) -> Option<&[u8]> {
        let mut found = None;
        let mut marker = self.cinfo().marker_list;
        // SAFETY: libjpeg's list of saved markers, valid until the decompressor is
        // destroyed or starts another image; each `data` holds `data_length` bytes.
        while let Some(saved) = unsafe { marker.as_ref() } {
            if i32::from(saved.marker) == APP1 && !saved.data.is_null() {
                // SAFETY: as above.
                let data = unsafe { slice::from_raw_parts(saved.data, saved.data_length as usize) };
                if data.len() > 6 {
                    found = data.strip_prefix(b"Exif\0\0").or(found);
                }
            }
            marker = saved.next;
        }
        found
    }

    /// Decodes the image at 1/`denominator` of its size (1, 2, 4 or 8; each side rounded
    /// up) as RGB. The output must be at most `max_pixels`.
    pub fn decode_rgb(mut self, denominator: u32, max_pixels: u64) -> Result<Rgb, Failure> {
        if !self.converts_to_rgb() {
            return Err(Failure { code: NOT_RGB });
        }
        let (width, height) = self.size();
        let (width, height) = (width.div_ceil(denominator), height.div_ceil(denominator));
        if u64::from(width) * u64::from(height) > max_pixels {
            return Err(Failure { code: TOO_LARGE });
        }
        let row_bytes = width as usize * 3;
        let mut data = vec![0u8; row_bytes * height as usize];
        let mut rows: Vec<*mut u8> = data.chunks_exact_mut(row_bytes).map(<[u8]>::as_mut_ptr).collect();
        self.guarded(|cinfo| {
            cinfo.out_color_space = J_COLOR_SPACE::JCS_EXT_RGB;
            (cinfo.scale_num, cinfo.scale_denom) = (1, denominator);
            // SAFETY: the header has been read; errors unwind out.
            unsafe { jpeg_start_decompress(cinfo) };
            let size = (cinfo.output_width, cinfo.output_height, cinfo.output_components);
            if size != (width, height, 3) {
                return Err(Failure { code: TOO_LARGE });
            }
            while cinfo.output_scanline < height {
                let next = &mut rows[cinfo.output_scanline as usize..];
                // SAFETY: each pointer in `next` is the start of a distinct row of
                // `row_bytes` = output_width × 3 bytes in `data`, which is not otherwise
                // touched until decoding ends; at most `next.len()` rows are written.
                let read = unsafe { jpeg_read_scanlines(cinfo, next.as_mut_ptr(), next.len() as u32) };
                if read == 0 {
                    return Err(Failure { code: NO_PROGRESS });
                }
            }
            // SAFETY: all scanlines have been read, as `jpeg_finish_decompress` wants.
            unsafe { jpeg_finish_decompress(cinfo) };
            Ok(())
        })??;
        drop(rows);
        Ok(Rgb { width, height, data })
    }

    /// Runs `step` on the decompressor, turning an error unwound from libjpeg into a
    /// [`Failure`]. Any other panic continues.
    fn guarded<T>(&mut self, step: impl FnOnce(&mut jpeg_decompress_struct) -> T) -> Result<T, Failure> {
        // SAFETY: `state` is valid until `Drop` and only reached through `self` here.
        let cinfo = unsafe { &mut (*self.state).cinfo };
        // Unwind safety: after a failure the decompressor is never used again except to
        // be destroyed (`open` drops it, `decode_rgb` consumes `self`).
        catch_unwind(AssertUnwindSafe(|| step(cinfo))).map_err(|payload| {
            match payload.downcast::<Failure>() {
                Ok(failure) => *failure,
                Err(other) => resume_unwind(other),
            }
        })
    }
}

impl Drop for Jpeg<'_> {
    fn drop(&mut self) {
        // SAFETY: `state` came from `Box::into_raw` and is freed only here.
        // `jpeg_destroy_decompress` frees libjpeg's memory in any state — after an error
        // unwound out of it (libjpeg's documented recovery) and before
        // `jpeg_create_decompress` ran (its memory manager is still null) — and reports
        // no errors.
        unsafe {
            jpeg_destroy_decompress(&mut (*self.state).cinfo);
            drop(Box::from_raw(self.state));
        }
    }
}

/// The APP1 marker (EXIF).
const APP1: c_int = 0xE1;

/// libjpeg's `error_exit`, which must not return: unwinds to [`Jpeg::guarded`].
unsafe extern "C-unwind" fn error_exit(cinfo: &mut jpeg_common_struct) {
    // SAFETY: libjpeg passes its decompressor, whose `err` is our error manager.
    let code = unsafe { cinfo.err.as_ref() }.map_or(0, |error| error.msg_code);
    resume_unwind(Box::new(Failure { code }))
}

/// libjpeg's `emit_message`: warnings (level -1: corrupt or missing data, which libjpeg
/// would otherwise fill in) are errors; trace messages are ignored.
unsafe extern "C-unwind" fn emit_message(cinfo: &mut jpeg_common_struct, level: c_int) {
    if level < 0 {
        // SAFETY: as for `error_exit`, called by libjpeg.
        unsafe { error_exit(cinfo) }
    }
}

#[cfg(test)]
mod tests;
