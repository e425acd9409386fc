/* fs: where damirstat finds the files it ships (external-data, studies, docs) once
 * installed, so that a study or a map works from any folder.
 *
 * `make install` puts them under PREFIX/share/damirstat/ and the binary in PREFIX/bin/: the
 * share folder is found from the running binary (/proc/self/exe) as ../share/damirstat, so
 * an install moved with DESTDIR or a different PREFIX keeps working without a path compiled
 * in. */
#ifndef DAMIRSTAT_FS_H
#define DAMIRSTAT_FS_H

/* The installed share folder (BINDIR/../share/damirstat) when it exists, else NULL; the
 * caller frees. */
char *fs_share_dir(void);

/* The folder of the running binary, or NULL when it cannot be read; the caller frees. */
char *fs_exe_dir(void);

/* 1 when path names something that exists (a file or a folder), else 0. */
int fs_exists(const char *path);

/* 1 when both paths exist and name one file or folder (the same device and inode: a folder
 * reached two ways, "share/x" and "bin/../share/x"), else 0. */
int fs_same_node(const char *a, const char *b);

/* The first folder of dir's path that does not exist ("a" for a/b/c when only . does), or
 * NULL when dir exists: what a command is about to create; the caller frees. */
char *fs_first_missing(const char *dir);

/* Removes the folders a failed command made, from dir up to top (fs_first_missing's), each
 * only if it is empty; dir is cut in place. A folder that existed before stays. */
void fs_remove_made(char *dir, const char *top);

/* dir + "/" + name, or name alone when dir is NULL, "" or "." (so that paths found in the
 * current folder print as written); the caller frees. */
char *fs_join(const char *dir, const char *name);

/* The folder part of path as text ("studies/x.study" → "studies", "x.study" → ".",
 * "studies" → ".", "." → ".."); the caller frees. */
char *fs_dirname(const char *path);

#endif
