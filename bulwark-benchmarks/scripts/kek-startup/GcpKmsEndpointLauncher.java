import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the tests' loopback GcpKmsEndpoint outside a test: args are the service-account file and URI file to write. */
public class GcpKmsEndpointLauncher {
  public static void main(String[] args) throws Exception {
    Class<?> type = Class.forName("io.bulwark.secrets.internal.GcpKmsEndpoint");
    Constructor<?> constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    Object endpoint = constructor.newInstance();
    Method json = type.getDeclaredMethod("serviceAccountJson");
    json.setAccessible(true);
    Method uri = type.getDeclaredMethod("uri");
    uri.setAccessible(true);
    Files.writeString(Path.of(args[0]), (String) json.invoke(endpoint));
    Files.writeString(Path.of(args[1]), uri.invoke(endpoint).toString());
    Thread.sleep(Long.MAX_VALUE);
  }
}
