// Policy files the server suites load, edit and delete.
/** Books, kgate style: a shaped denial, a default denial, and every kind of allow shaping. */
export const BOOKS = `apiVersion: kgate.dev/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: books
  namespace: default
spec:
  context:
  - name: role
    variable: ($jwtDecode($split(request.http.headers.authorization, ' ')[1], 'secret').payload.role)
  rules:
  - name: only-admins-write
    match:
      any:
      - request: { http: { method: POST } }
    assert:
      all:
      - message: only admins may write
        check:
          ($role): admin
  - name: no-delete
    match:
      any:
      - request: { http: { method: DELETE } }
    assert:
      all:
      - message: nobody deletes books
        check:
          request: { http: { method: GET } }
    deny:
      status: 405
      code: PERMISSION_DENIED
      headers:
        allow: GET, POST
      body: ("method " & request.http.method & " is not allowed on " & $path)
  allow:
    request:
      headers:
        set:
          x-user-role: ($role)
        append:
          x-kgate: checked
        remove: [authorization]
      query:
        set:
          role: ($role)
        remove: [debug]
    response:
      headers:
        set:
          x-served-by: kgate
    metadata:
      role: ($role)
      path: ($path)
      query: ($query)
`;
/** Hosts, kyverno-json style (JMESPath): one host is never served. */
export const HOSTS = `apiVersion: json.kyverno.io/v1alpha1
kind: ValidatingPolicy
metadata:
  name: hosts
spec:
  rules:
  - name: no-evil-host
    match:
      any:
      - request:
          http:
            host: evil.example.com
    assert:
      all:
      - message: this host is not served
        check:
          request:
            http:
              host: good.example.com
`;
//# sourceMappingURL=policies-text.js.map