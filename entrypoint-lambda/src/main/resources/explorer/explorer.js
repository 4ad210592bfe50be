// Swagger UI over this server's own copy of docs/openapi.yaml; "Try it out" sends requests to this server.
window.ui = SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  deepLinking: true,
  displayRequestDuration: true
});
