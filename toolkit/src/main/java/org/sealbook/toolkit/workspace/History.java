package org.sealbook.toolkit.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The workspace's git repository, driven with JGit so that no git program is needed. */
final class History {
    static final String NAME = "Sealbook";
    static final String EMAIL = "sealbook@localhost";

    private final Path folder;

    private History(Path folder) {
        this.folder = folder;
    }

    /** Opens the repository in {@code folder}, making one when the folder has none of its own. */
    static History open(Path folder) {
        // Look only in the folder itself: a workspace inside another repository gets its own.
        if (!Files.isDirectory(folder.resolve(Constants.DOT_GIT))) {
            try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
                git.getRepository().getConfig().save();
            } catch (GitAPIException | IOException e) {
                throw new WorkspaceException("Could not make a git repository in " + folder
                        + "; check that the folder is writable, or pick another folder (%workspace PATH in a notebook, "
                        + "useWorkspace(\"PATH\") in JShell).", e);
            }
        }
        return new History(folder);
    }

    /** Commits exactly {@code names} (files in the folder) with {@code message}. */
    void commit(List<String> names, String message) throws IOException, GitAPIException {
        try (Git git = git()) {
            var add = git.add();
            names.forEach(add::addFilepattern);
            add.call();
            var commit = git.commit().setMessage(message).setSign(false);
            if (!hasIdentity(git.getRepository())) {
                PersonIdent sealbook = new PersonIdent(NAME, EMAIL);
                commit.setAuthor(sealbook).setCommitter(sealbook);
            }
            commit.call();
        }
    }

    /** The bytes of {@code name} as last committed, or empty when it was never committed. */
    Optional<byte[]> committed(String name) throws IOException {
        try (Repository repository = repository()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return Optional.empty();
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(head);
                try (TreeWalk tree = TreeWalk.forPath(repository, name, commit.getTree())) {
                    if (tree == null) {
                        return Optional.empty();
                    }
                    return Optional.of(repository.open(tree.getObjectId(0)).getBytes());
                }
            }
        }
    }

    /** Makes branch {@code name} point at the current commit (moving it if it exists); HEAD stays where it is. */
    void branchAtHead(String name) throws IOException, GitAPIException {
        try (Git git = git()) {
            ObjectId head = git.getRepository().resolve(Constants.HEAD);
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                git.branchCreate().setName(name).setStartPoint(walk.parseCommit(head)).setForce(true).call();
            }
        }
    }

    /**
     * Commits {@code files} (paths in the repository -> bytes) on top of branch {@code branch} without checking it out:
     * the working tree and HEAD stay as they are, so runs can record results on their own branches at the same time.
     * Returns the new commit's id.
     */
    synchronized String commitOnBranch(String branch, Map<String, byte[]> files, String message) throws IOException {
        try (Repository repository = repository(); ObjectInserter inserter = repository.newObjectInserter();
             RevWalk walk = new RevWalk(repository)) {
            String ref = Constants.R_HEADS + branch;
            ObjectId tip = repository.resolve(ref);
            if (tip == null) {
                throw new IOException("There is no branch " + branch + " in " + folder + ".");
            }
            RevCommit parent = walk.parseCommit(tip);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            Map<String, byte[]> sorted = new TreeMap<>(files);
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(parent.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    if (!sorted.containsKey(tree.getPathString())) {
                        DirCacheEntry kept = new DirCacheEntry(tree.getPathString());
                        kept.setFileMode(tree.getFileMode(0));
                        kept.setObjectId(tree.getObjectId(0));
                        builder.add(kept);
                    }
                }
            }
            for (Map.Entry<String, byte[]> file : sorted.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(parent);
            PersonIdent who = hasIdentity(repository) ? new PersonIdent(repository) : new PersonIdent(NAME, EMAIL);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(ref);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(tip);
            update.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
            RefUpdate.Result result = update.update(walk);
            if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
                throw new IOException("Could not move branch " + branch + " to the new commit (" + result + ").");
            }
            return id.getName();
        }
    }

    /**
     * Merges branch {@code source} into branch {@code target} without checking either out, and tags the result
     * {@code tag}; returns the merged commit. Done already (source merged, tag in place): changes nothing.
     */
    synchronized String mergeAndTag(String target, String source, String tag, String message) throws IOException {
        try (Repository repository = repository(); ObjectInserter inserter = repository.newObjectInserter();
             RevWalk walk = new RevWalk(repository)) {
            ObjectId targetTip = repository.resolve(Constants.R_HEADS + target);
            ObjectId sourceTip = repository.resolve(Constants.R_HEADS + source);
            if (targetTip == null || sourceTip == null) {
                throw new IOException("There is no branch " + (targetTip == null ? target : source) + " in " + folder + ".");
            }
            RevCommit into = walk.parseCommit(targetTip);
            RevCommit from = walk.parseCommit(sourceTip);
            ObjectId merged = into;
            if (!walk.isMergedInto(from, into)) {
                ThreeWayMerger merger = MergeStrategy.RECURSIVE.newMerger(repository, true);
                if (!merger.merge(into, from)) {
                    throw new IOException("Branch " + source + " does not merge cleanly into " + target + ".");
                }
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(merger.getResultTreeId());
                commit.setParentIds(into, from);
                PersonIdent who = hasIdentity(repository) ? new PersonIdent(repository) : new PersonIdent(NAME, EMAIL);
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage(message);
                merged = inserter.insert(commit);
                inserter.flush();
                RefUpdate update = repository.updateRef(Constants.R_HEADS + target);
                update.setNewObjectId(merged);
                update.setExpectedOldObjectId(targetTip);
                update.setRefLogMessage("merge " + source, false);
                RefUpdate.Result result = update.update(walk);
                if (result != RefUpdate.Result.FAST_FORWARD) {
                    throw new IOException("Could not move branch " + target + " to the merge (" + result + ").");
                }
            }
            org.eclipse.jgit.lib.Ref existing = repository.exactRef(Constants.R_TAGS + tag);
            if (existing != null && walk.isMergedInto(from, walk.parseCommit(existing.getObjectId()))) {
                return existing.getObjectId().getName(); // promoted already
            }
            // The tag names the promoted model: a later promotion of an experiment with the same id (the batch
            // trained again, or a new plan) moves it; the earlier one stays in sealbook/experiments' history.
            RefUpdate tagUpdate = repository.updateRef(Constants.R_TAGS + tag);
            tagUpdate.setNewObjectId(merged);
            tagUpdate.setExpectedOldObjectId(existing == null ? ObjectId.zeroId() : existing.getObjectId());
            tagUpdate.setForceUpdate(true);
            RefUpdate.Result tagged = tagUpdate.update(walk);
            if (tagged != RefUpdate.Result.NEW && tagged != RefUpdate.Result.FORCED) {
                throw new IOException("Could not make the tag " + tag + " (" + tagged + ").");
            }
            return merged.getName();
        }
    }

    private static boolean hasIdentity(Repository repository) {
        // The repository's config falls back to the user's and the system's git config.
        var config = repository.getConfig();
        return config.getString("user", null, "name") != null
                && config.getString("user", null, "email") != null;
    }

    private Git git() throws IOException {
        return Git.open(folder.toFile());
    }

    private Repository repository() throws IOException {
        return new FileRepositoryBuilder().setGitDir(folder.resolve(Constants.DOT_GIT).toFile())
                .setMustExist(true).build();
    }
}
