//! The user's files on this computer, for the command line and the batch scorer (the browser
//! hands the core bytes instead, so none of this is in the wasm build).
//!
//! Reading stops one byte past the size limit, so a link to `/dev/zero` or an endless pipe is
//! refused at the limit instead of filling memory; and the system's errors, which Rust gives
//! in English (`No such file or directory (os error 2)`), are said in Chinese here, the one
//! place every command goes through.

use crate::load::MAX_FILE_BYTES;
use std::io::{self, ErrorKind, Read};
use std::path::Path;
use thiserror::Error;

/// Whether a file was being read or written: the same error of the system means different
/// things (a missing file, or a missing folder to write into).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Why a file could not be read or written, in words the user can act on.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FileError {
    #[error("找不到文件，请检查路径和文件名")]
    NotFound,
    #[error("要写入的文件夹不存在，请先建立这个文件夹或换一个位置")]
    NoSuchFolder,
    #[error("这是一个文件夹，不是文件")]
    IsDirectory,
    #[error("路径中间有一段是文件而不是文件夹，请检查路径")]
    NotADirectory,
    #[error("没有读取权限，请检查文件的权限或换一个用户")]
    NoReadPermission,
    #[error("没有写入权限，请换一个位置或检查文件夹的权限")]
    NoWritePermission,
    #[error("{}", too_large(*.size, *.limit))]
    TooLarge {
        /// The file's size where the system tells it; a pipe or a device does not.
        size: Option<u64>,
        limit: u64,
    },
    #[error("磁盘空间不足，请腾出空间或换一个位置")]
    DiskFull,
    #[error("磁盘配额已用完，请删除一些文件或联系管理员")]
    QuotaExceeded,
    #[error("文件过大，超过了系统允许的单个文件大小，请换一个位置或联系管理员")]
    FileTooLarge,
    #[error("磁盘或文件夹是只读的，请换一个位置")]
    ReadOnly,
    #[error("文件名无效或太长")]
    BadName,
    #[error("文件正被其他程序使用，请关闭后再试")]
    Busy,
    /// A file already there that could not be replaced: on Windows, what a file open in Excel
    /// or WPS gives (see [`replace_error`]).
    #[error("这个文件可能正在 Excel 或 WPS 中打开，无法替换：请关闭它后再试；如果没有打开，请检查它的权限")]
    HeldOpen,
    #[error("系统报告了错误（错误码 {0}）")]
    Os(i32),
    #[error("读写时出错")]
    Unknown,
}

fn too_large(size: Option<u64>, limit: u64) -> String {
    let mb = |bytes: u64| bytes as f64 / 1_048_576.0;
    let limit = mb(limit);
    match size {
        Some(size) => format!("文件太大（{:.1} MB），最多支持 {limit:.0} MB", mb(size)),
        None => format!("文件太大（超过 {limit:.0} MB），最多支持 {limit:.0} MB"),
    }
}

impl FileError {
    /// The system's error, named by its kind rather than by its English text.
    pub fn from_io(e: &io::Error, access: Access) -> FileError {
        match (e.kind(), access) {
            (ErrorKind::NotFound, Access::Read) => FileError::NotFound,
            (ErrorKind::NotFound, Access::Write) => FileError::NoSuchFolder,
            (ErrorKind::PermissionDenied, Access::Read) => FileError::NoReadPermission,
            (ErrorKind::PermissionDenied, Access::Write) => FileError::NoWritePermission,
            (ErrorKind::IsADirectory, _) => FileError::IsDirectory,
            (ErrorKind::NotADirectory, _) => FileError::NotADirectory,
            (ErrorKind::StorageFull, _) => FileError::DiskFull,
            (ErrorKind::QuotaExceeded, _) => FileError::QuotaExceeded,
            (ErrorKind::FileTooLarge, _) => FileError::FileTooLarge,
            (ErrorKind::ReadOnlyFilesystem, _) => FileError::ReadOnly,
            (ErrorKind::InvalidFilename, _) => FileError::BadName,
            (ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy, _) => FileError::Busy,
            _ => e.raw_os_error().map_or(FileError::Unknown, FileError::Os),
        }
    }
}

/// Reads everything `reader` gives, up to `limit` bytes: one byte more is refused as too large
/// without reading further.
pub fn read_at_most(reader: impl Read, limit: usize) -> Result<Vec<u8>, FileError> {
    read_into(reader, limit, Vec::new())
}

/// [`read_at_most`] into `bytes` (a file's reading sized to it).
fn read_into(reader: impl Read, limit: usize, mut bytes: Vec<u8>) -> Result<Vec<u8>, FileError> {
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::from_io(&e, Access::Read))?;
    if bytes.len() > limit {
        return Err(FileError::TooLarge {
            size: None,
            limit: limit as u64,
        });
    }
    Ok(bytes)
}

/// Reads a file of at most [`MAX_FILE_BYTES`]. A file the system knows to be larger is refused
/// before reading; a pipe or a device is read up to the limit.
pub fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    let file = std::fs::File::open(path).map_err(|e| FileError::from_io(&e, Access::Read))?;
    let metadata = file
        .metadata()
        .map_err(|e| FileError::from_io(&e, Access::Read))?;
    if metadata.is_dir() {
        return Err(FileError::IsDirectory);
    }
    if metadata.is_file() && metadata.len() > MAX_FILE_BYTES as u64 {
        return Err(FileError::TooLarge {
            size: Some(metadata.len()),
            limit: MAX_FILE_BYTES as u64,
        });
    }
    // A file's own size (and one byte to see its end), as std::fs::read sizes its buffer.
    let size = if metadata.is_file() {
        metadata.len() as usize + 1
    } else {
        0
    };
    read_into(file, MAX_FILE_BYTES, Vec::with_capacity(size))
}

/// Reads standard input, up to [`MAX_FILE_BYTES`].
pub fn read_stdin() -> Result<Vec<u8>, FileError> {
    read_at_most(io::stdin().lock(), MAX_FILE_BYTES)
}

/// Writes a file whole, or not at all: the bytes go to a new file in the same folder, which
/// then takes the file's name in one step. A write that fails (the disk full) leaves the file
/// as it was, never cut short, and no new file behind. A file already there keeps its
/// permissions; a link is written through, the file it leads to replaced. What is not a file
/// (a device such as `/dev/stdout`) is written to as it is.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let error = |e: &io::Error| FileError::from_io(e, Access::Write);
    if path.is_dir() {
        return Err(FileError::IsDirectory);
    }
    let target = match std::fs::canonicalize(path) {
        Ok(target) if path.is_symlink() => target,
        _ => path.to_path_buf(),
    };
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return std::fs::write(&target, bytes).map_err(|e| error(&e));
    }
    // A file made read-only is not replaced, as it would not be written over.
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(FileError::NoWritePermission);
    }
    let folder = match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    // Hidden, so that a batch of the folder passes over one left by a crash.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As a new file gets: read and write for all, less what the user's umask takes away
        // (a temporary file's own default is its owner's alone).
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(folder).map_err(|e| error(&e))?;
    if let Some(existing) = &existing {
        file.as_file()
            .set_permissions(existing.permissions())
            .map_err(|e| error(&e))?;
    }
    io::Write::write_all(file.as_file_mut(), bytes).map_err(|e| error(&e))?;
    file.as_file().sync_all().map_err(|e| error(&e))?;
    file.persist(&target)
        .map_err(|e| replace_error(&e.error, existing.is_some(), cfg!(windows)))?;
    Ok(())
}

/// Why the new file could not take the name of the one at the target. Windows refuses to
/// replace a file another program holds open (Excel and WPS hold the workbook they show) with
/// "access denied" (ERROR_ACCESS_DENIED, read as no permission) or a sharing or lock violation:
/// where the system locks open files (`locks_open_files`) and a file was there, that is what
/// the user most likely needs to hear (close it), rather than to write elsewhere.
fn replace_error(e: &io::Error, existed: bool, locks_open_files: bool) -> FileError {
    /// ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION, which Rust gives no kind of.
    const SHARING_OR_LOCK_VIOLATION: [i32; 2] = [32, 33];
    let held = e.kind() == ErrorKind::PermissionDenied
        || e.raw_os_error()
            .is_some_and(|code| SHARING_OR_LOCK_VIOLATION.contains(&code));
    if existed && locks_open_files && held {
        FileError::HeldOpen
    } else {
        FileError::from_io(e, Access::Write)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_holds_while_reading() {
        assert_eq!(read_at_most(&[7u8; 10][..], 10), Ok(vec![7; 10]));
        // An endless source is read one byte past the limit, no further.
        let mut endless = io::repeat(0);
        assert_eq!(
            read_at_most(&mut endless, 10),
            Err(FileError::TooLarge {
                size: None,
                limit: 10
            })
        );
        assert_eq!(
            FileError::TooLarge {
                size: None,
                limit: MAX_FILE_BYTES as u64
            }
            .to_string(),
            "文件太大（超过 32 MB），最多支持 32 MB"
        );
        assert_eq!(
            FileError::TooLarge {
                size: Some(50 * 1_048_576 + 104_858),
                limit: MAX_FILE_BYTES as u64
            }
            .to_string(),
            "文件太大（50.1 MB），最多支持 32 MB"
        );
    }

    /// Re-running a batch while its 汇总表 is open in Excel: on Windows the file cannot be
    /// replaced, and the user is told to close it, not to write elsewhere.
    #[test]
    fn a_file_that_cannot_be_replaced_may_be_open_in_excel() {
        let denied = io::Error::from(ErrorKind::PermissionDenied);
        let said = replace_error(&denied, true, true).to_string();
        assert!(
            said.starts_with("这个文件可能正在 Excel 或 WPS 中打开，无法替换：请关闭它后再试"),
            "{said}"
        );
        // Windows' sharing violation, which Rust gives as no kind of its own.
        assert_eq!(
            replace_error(&io::Error::from_raw_os_error(32), true, true),
            FileError::HeldOpen
        );
        // No file there, a system that does not lock open files, or another failure: as before.
        assert_eq!(
            replace_error(&denied, false, true),
            FileError::NoWritePermission
        );
        assert_eq!(
            replace_error(&denied, true, false),
            FileError::NoWritePermission
        );
        assert_eq!(
            replace_error(&io::Error::from(ErrorKind::StorageFull), true, true),
            FileError::DiskFull
        );
    }

    #[test]
    fn system_errors_are_named_for_what_was_being_done() {
        let e = |kind| io::Error::from(kind);
        for (kind, access, message) in [
            (ErrorKind::NotFound, Access::Read, "找不到文件"),
            (ErrorKind::NotFound, Access::Write, "要写入的文件夹不存在"),
            (ErrorKind::PermissionDenied, Access::Read, "没有读取权限"),
            (ErrorKind::PermissionDenied, Access::Write, "没有写入权限"),
            (
                ErrorKind::IsADirectory,
                Access::Read,
                "这是一个文件夹，不是文件",
            ),
            (ErrorKind::StorageFull, Access::Write, "磁盘空间不足"),
            (ErrorKind::FileTooLarge, Access::Write, "文件过大"),
            (ErrorKind::QuotaExceeded, Access::Write, "磁盘配额已用完"),
            (ErrorKind::Other, Access::Read, "读写时出错"),
        ] {
            let said = FileError::from_io(&e(kind), access).to_string();
            assert!(said.starts_with(message), "{kind:?}: {said}");
        }
        #[cfg(target_os = "linux")] // EIO, which Rust gives no kind of its own
        assert_eq!(
            FileError::from_io(&io::Error::from_raw_os_error(5), Access::Read).to_string(),
            "系统报告了错误（错误码 5）"
        );
    }
}
