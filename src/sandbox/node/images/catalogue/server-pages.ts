// Error pages web servers generate themselves (not files in the image): nginx's special responses
// (src/http/ngx_http_special_response.c: CRLF line ends, the version in the footer) and Apache
// httpd's (modules/http/http_protocol.c). Templates: `${res.status}`, `${res.text}`,
// `${res.location}`, `${image.version}`, `${res.h1}` and `${res.apacheMessage}`.

export const NGINX_ERROR_PAGE =
  '<html>\r\n' +
  '<head><title>${res.status} ${res.text}</title></head>\r\n' +
  '<body>\r\n' +
  '<center><h1>${res.status} ${res.text}</h1></center>\r\n' +
  '<hr><center>nginx/${image.version}</center>\r\n' +
  '</body>\r\n' +
  '</html>\r\n';

export const APACHE_ERROR_PAGE =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n' +
  '<html><head>\n' +
  '<title>${res.status} ${res.text}</title>\n' +
  '</head><body>\n' +
  '<h1>${res.h1}</h1>\n' +
  '<p>${res.apacheMessage}</p>\n' +
  '</body></html>\n';

/** Apache's sentence per status. */
export const APACHE_MESSAGES: Record<number, string> = {
  301: 'The document has moved <a href="${res.location}">here</a>.',
  403: "You don't have permission to access this resource.",
  404: 'The requested URL was not found on this server.',
  405: 'The requested method ${req.method} is not allowed for this URL.',
};

/** nginx calls 405 "Not Allowed", not "Method Not Allowed". */
export const NGINX_STATUS_TEXT: Record<number, string> = { 405: 'Not Allowed' };

/**
 * nginx's error log line for a request it could not serve (written to stderr in the official
 * image). `${file}` carries the detail: `open() "/usr/share/nginx/html/x" failed (2: No such file
 * or directory)`.
 */
export const NGINX_ERROR_LOG =
  '${time.nginx} [error] ${var.workerPid:-29}#${var.workerPid:-29}: *${req.connection} ${file}, client: ${req.ip}, ' +
  'server: localhost, request: "${req.method} ${req.uri} HTTP/1.1", host: "${req.host}"';
