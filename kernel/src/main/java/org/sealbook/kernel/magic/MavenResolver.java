package org.sealbook.kernel.magic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Gets Maven artifacts with their transitive runtime dependencies: from the local repository when they are there,
 * otherwise from one remote repository (Maven Central unless {@code SEALBOOK_MAVEN_REMOTE} names another).
 */
public final class MavenResolver {
    public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final Path localRepository;
    private final String remoteUrl;
    /** Built on first use: the resolver loads many classes, and most sessions never call %maven. */
    private RepositorySystem system;

    /** The local repository from {@code -Dmaven.repo.local} or ~/.m2/repository; the remote from the environment. */
    public MavenResolver() {
        this(defaultLocalRepository(), defaultRemote());
    }

    public MavenResolver(Path localRepository, String remoteUrl) {
        this.localRepository = localRepository.toAbsolutePath();
        this.remoteUrl = remoteUrl;
    }

    public static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    public static String defaultRemote() {
        String configured = System.getenv("SEALBOOK_MAVEN_REMOTE");
        return configured == null || configured.isBlank() ? CENTRAL : configured;
    }

    /**
     * The jar files of the artifacts and everything they need at run time, in class path order.
     *
     * @param coordinates {@code group:artifact[:extension[:classifier]]:version}
     * @throws IllegalArgumentException when a coordinate is malformed
     * @throws IllegalStateException    when resolution fails; the message says why and what to do
     */
    public synchronized List<Path> resolve(List<String> coordinates) {
        List<Dependency> dependencies = new ArrayList<>();
        for (String c : coordinates) {
            dependencies.add(new Dependency(artifact(c), JavaScopes.RUNTIME));
        }
        // "central" is the id Maven itself records for downloads, so artifacts it fetched count as present here.
        RemoteRepository remote = new RemoteRepository.Builder("central", "default", remoteUrl).build();
        CollectRequest collect = new CollectRequest(dependencies, List.of(), List.of(remote));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            RepositorySystem repositorySystem = system();
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult r : repositorySystem.resolveDependencies(session(repositorySystem), request).getArtifactResults()) {
                Path file = r.getArtifact().getFile().toPath();
                if (file.getFileName().toString().endsWith(".jar")) {
                    jars.add(file);
                }
            }
            return jars;
        } catch (DependencyResolutionException e) {
            throw new IllegalStateException(explain(coordinates, e), e);
        }
    }

    private static Artifact artifact(String coordinate) {
        try {
            return new DefaultArtifact(coordinate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + coordinate + "' is not a Maven coordinate; write it as group:artifact:version, e.g. com.google.code.gson:gson:2.11.0.", e);
        }
    }

    private RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }

    private DefaultRepositorySystemSession session(RepositorySystem repositorySystem) {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(repositorySystem.newLocalRepositoryManager(session, new LocalRepository(localRepository.toFile())));
        // POM profiles activate on java.version and os.name, as they do under Maven.
        session.setSystemProperties(System.getProperties());
        session.setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, 10_000);
        session.setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, 60_000);
        return session;
    }

    /** One sentence: which artifact failed, whether it is missing or the repository unreachable, and what to do. */
    private String explain(List<String> requested, DependencyResolutionException e) {
        ArtifactTransferException unreachable = null;
        ArtifactNotFoundException missing = null;
        for (Throwable t : allCauses(e)) {
            if (t instanceof ArtifactNotFoundException nf && missing == null) {
                missing = nf;
            } else if (t instanceof ArtifactTransferException te && !(t instanceof ArtifactNotFoundException) && unreachable == null) {
                unreachable = te;
            }
        }
        String local = shortPath(localRepository);
        String remoteName = CENTRAL.equals(remoteUrl) ? "Maven Central" : "the repository " + remoteUrl;
        if (unreachable != null) {
            return "Could not get " + name(unreachable.getArtifact(), requested) + ": it is not in your local Maven repository ("
                    + local + ") and " + remoteName + " could not be reached; connect to the internet, or install the jar and use %jars.";
        }
        if (missing != null) {
            return "Could not get " + name(missing.getArtifact(), requested) + ": " + remoteName
                    + " has no such artifact; check the group, artifact and version, e.g. on https://central.sonatype.com.";
        }
        return "Could not get " + String.join(", ", requested) + ": " + e.getMessage()
                + "; check the coordinates and your connection, or install the jar and use %jars.";
    }

    private static String name(Artifact a, List<String> requested) {
        if (a == null) {
            return String.join(", ", requested);
        }
        String gav = a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion();
        boolean direct = requested.stream().anyMatch(r -> r.startsWith(a.getGroupId() + ":" + a.getArtifactId() + ":"));
        return direct ? gav : gav + " (which " + String.join(", ", requested) + " needs)";
    }

    /** The exception, its causes, and the failures the resolver keeps in its results rather than as causes. */
    private static List<Throwable> allCauses(Throwable root) {
        List<Throwable> found = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            found.add(t);
            todo.add(t.getCause());
            if (t instanceof DependencyResolutionException d && d.getResult() != null) {
                todo.addAll(d.getResult().getCollectExceptions());
                d.getResult().getArtifactResults().forEach(r -> todo.addAll(r.getExceptions()));
            } else if (t instanceof DependencyCollectionException d && d.getResult() != null) {
                todo.addAll(d.getResult().getExceptions());
            } else if (t instanceof ArtifactDescriptorException d && d.getResult() != null) {
                todo.addAll(d.getResult().getExceptions());
            } else if (t instanceof ArtifactResolutionException d && d.getResults() != null) {
                d.getResults().forEach(r -> todo.addAll(r.getExceptions()));
            }
        }
        return found;
    }

    /** The path with the home folder written as ~, as users know it. */
    private static String shortPath(Path p) {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();
        return p.startsWith(home) ? "~/" + home.relativize(p) : p.toString();
    }
}
