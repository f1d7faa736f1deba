import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.cache.Cache;
import javax.cache.CacheManager;

/** Puts n entries shaped as the library's claims (a UUID's text, a random long) into the declared replay cache. */
@WebServlet("/fill")
public class FillServlet extends HttpServlet {

    @Inject
    CacheManager manager;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int n = Integer.parseInt(request.getParameter("n"));
        Cache<Object, Object> cache = manager.getCache("trustcaptcha-replay");
        for (int i = 0; i < n; i++) {
            cache.put(UUID.randomUUID().toString(), ThreadLocalRandom.current().nextLong());
        }
        int size = 0;
        for (Cache.Entry<Object, Object> ignored : cache) {
            size++;
        }
        response.setContentType("text/plain");
        response.getWriter().print(size);
    }
}
