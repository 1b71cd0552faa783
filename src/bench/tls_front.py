"""A TLS front for the emulator (loopback only): real endpoints are https, and a cold call pays for TLS.

    python3 tls_front.py CERT KEY UPSTREAM_PORT      # prints the https port it listens on, then serves

Each request is passed to the plain-http emulator on 127.0.0.1:UPSTREAM_PORT and its answer returned, so ssocred
and boto3 both make a real TLS handshake (and both pay for this front's forwarding, the same for each).
"""
import http.client
import http.server
import socketserver
import ssl
import sys

cert, key, upstream = sys.argv[1], sys.argv[2], int(sys.argv[3])


class Forward(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        conn = http.client.HTTPConnection("127.0.0.1", upstream)
        conn.request(self.command, self.path, body=body, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for k, v in answer.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = forward

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Forward)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
