// kgate's rendering of Envoy Gateway's extension service. Package, service,
// rpc and field numbers are the wire contract of envoyproxy/gateway
// proto/extension (v1.9, commit d32f282).
import { fileDesc, messageDesc, serviceDesc } from "@bufbuild/protobuf/codegenv2";
import { file_envoy_config_cluster_v3_cluster } from "../../envoy/config/cluster/v3/cluster_pb.js";
import { file_envoy_config_endpoint_v3_endpoint } from "../../envoy/config/endpoint/v3/endpoint_pb.js";
import { file_envoy_config_listener_v3_listener } from "../../envoy/config/listener/v3/listener_pb.js";
import { file_envoy_config_route_v3_route } from "../../envoy/config/route/v3/route_pb.js";
import { file_envoy_config_route_v3_route_components } from "../../envoy/config/route/v3/route_components_pb.js";
import { file_envoy_extensions_transport_sockets_tls_v3_secret } from "../../envoy/extensions/transport_sockets/tls/v3/secret_pb.js";
import { file_envoygateway_extension_context } from "./context_pb.js";
/**
 * Describes the file envoygateway/extension/service.proto.
 */
export const file_envoygateway_extension_service = /*@__PURE__*/ fileDesc("CiRlbnZveWdhdGV3YXkvZXh0ZW5zaW9uL3NlcnZpY2UucHJvdG8SFmVudm95Z2F0ZXdheS5leHRlbnNpb24ilAEKFlBvc3RSb3V0ZU1vZGlmeVJlcXVlc3QSKwoFcm91dGUYASABKAsyHC5lbnZveS5jb25maWcucm91dGUudjMuUm91dGUSTQoScG9zdF9yb3V0ZV9jb250ZXh0GAIgASgLMjEuZW52b3lnYXRld2F5LmV4dGVuc2lvbi5Qb3N0Um91dGVFeHRlbnNpb25Db250ZXh0IkYKF1Bvc3RSb3V0ZU1vZGlmeVJlc3BvbnNlEisKBXJvdXRlGAEgASgLMhwuZW52b3kuY29uZmlnLnJvdXRlLnYzLlJvdXRlIrQBChxQb3N0VmlydHVhbEhvc3RNb2RpZnlSZXF1ZXN0EjgKDHZpcnR1YWxfaG9zdBgBIAEoCzIiLmVudm95LmNvbmZpZy5yb3V0ZS52My5WaXJ0dWFsSG9zdBJaChlwb3N0X3ZpcnR1YWxfaG9zdF9jb250ZXh0GAIgASgLMjcuZW52b3lnYXRld2F5LmV4dGVuc2lvbi5Qb3N0VmlydHVhbEhvc3RFeHRlbnNpb25Db250ZXh0IlkKHVBvc3RWaXJ0dWFsSG9zdE1vZGlmeVJlc3BvbnNlEjgKDHZpcnR1YWxfaG9zdBgBIAEoCzIiLmVudm95LmNvbmZpZy5yb3V0ZS52My5WaXJ0dWFsSG9zdCKuAQodUG9zdEhUVFBMaXN0ZW5lck1vZGlmeVJlcXVlc3QSNAoIbGlzdGVuZXIYASABKAsyIi5lbnZveS5jb25maWcubGlzdGVuZXIudjMuTGlzdGVuZXISVwoVcG9zdF9saXN0ZW5lcl9jb250ZXh0GAIgASgLMjguZW52b3lnYXRld2F5LmV4dGVuc2lvbi5Qb3N0SFRUUExpc3RlbmVyRXh0ZW5zaW9uQ29udGV4dCJWCh5Qb3N0SFRUUExpc3RlbmVyTW9kaWZ5UmVzcG9uc2USNAoIbGlzdGVuZXIYASABKAsyIi5lbnZveS5jb25maWcubGlzdGVuZXIudjMuTGlzdGVuZXIioAEKGFBvc3RDbHVzdGVyTW9kaWZ5UmVxdWVzdBIxCgdjbHVzdGVyGAEgASgLMiAuZW52b3kuY29uZmlnLmNsdXN0ZXIudjMuQ2x1c3RlchJRChRwb3N0X2NsdXN0ZXJfY29udGV4dBgCIAEoCzIzLmVudm95Z2F0ZXdheS5leHRlbnNpb24uUG9zdENsdXN0ZXJFeHRlbnNpb25Db250ZXh0Ik4KGVBvc3RDbHVzdGVyTW9kaWZ5UmVzcG9uc2USMQoHY2x1c3RlchgBIAEoCzIgLmVudm95LmNvbmZpZy5jbHVzdGVyLnYzLkNsdXN0ZXIivQEKGlBvc3RFbmRwb2ludHNNb2RpZnlSZXF1ZXN0EkgKD2xvYWRfYXNzaWdubWVudBgBIAEoCzIvLmVudm95LmNvbmZpZy5lbmRwb2ludC52My5DbHVzdGVyTG9hZEFzc2lnbm1lbnQSVQoWcG9zdF9lbmRwb2ludHNfY29udGV4dBgCIAEoCzI1LmVudm95Z2F0ZXdheS5leHRlbnNpb24uUG9zdEVuZHBvaW50c0V4dGVuc2lvbkNvbnRleHQiZwobUG9zdEVuZHBvaW50c01vZGlmeVJlc3BvbnNlEkgKD2xvYWRfYXNzaWdubWVudBgBIAEoCzIvLmVudm95LmNvbmZpZy5lbmRwb2ludC52My5DbHVzdGVyTG9hZEFzc2lnbm1lbnQi3QIKGlBvc3RUcmFuc2xhdGVNb2RpZnlSZXF1ZXN0ElUKFnBvc3RfdHJhbnNsYXRlX2NvbnRleHQYASABKAsyNS5lbnZveWdhdGV3YXkuZXh0ZW5zaW9uLlBvc3RUcmFuc2xhdGVFeHRlbnNpb25Db250ZXh0EjIKCGNsdXN0ZXJzGAIgAygLMiAuZW52b3kuY29uZmlnLmNsdXN0ZXIudjMuQ2x1c3RlchJCCgdzZWNyZXRzGAMgAygLMjEuZW52b3kuZXh0ZW5zaW9ucy50cmFuc3BvcnRfc29ja2V0cy50bHMudjMuU2VjcmV0EjUKCWxpc3RlbmVycxgEIAMoCzIiLmVudm95LmNvbmZpZy5saXN0ZW5lci52My5MaXN0ZW5lchI5CgZyb3V0ZXMYBSADKAsyKS5lbnZveS5jb25maWcucm91dGUudjMuUm91dGVDb25maWd1cmF0aW9uIocCChtQb3N0VHJhbnNsYXRlTW9kaWZ5UmVzcG9uc2USMgoIY2x1c3RlcnMYASADKAsyIC5lbnZveS5jb25maWcuY2x1c3Rlci52My5DbHVzdGVyEkIKB3NlY3JldHMYAiADKAsyMS5lbnZveS5leHRlbnNpb25zLnRyYW5zcG9ydF9zb2NrZXRzLnRscy52My5TZWNyZXQSNQoJbGlzdGVuZXJzGAMgAygLMiIuZW52b3kuY29uZmlnLmxpc3RlbmVyLnYzLkxpc3RlbmVyEjkKBnJvdXRlcxgEIAMoCzIpLmVudm95LmNvbmZpZy5yb3V0ZS52My5Sb3V0ZUNvbmZpZ3VyYXRpb24ylgYKFUVudm95R2F0ZXdheUV4dGVuc2lvbhJyCg9Qb3N0Um91dGVNb2RpZnkSLi5lbnZveWdhdGV3YXkuZXh0ZW5zaW9uLlBvc3RSb3V0ZU1vZGlmeVJlcXVlc3QaLy5lbnZveWdhdGV3YXkuZXh0ZW5zaW9uLlBvc3RSb3V0ZU1vZGlmeVJlc3BvbnNlEoQBChVQb3N0VmlydHVhbEhvc3RNb2RpZnkSNC5lbnZveWdhdGV3YXkuZXh0ZW5zaW9uLlBvc3RWaXJ0dWFsSG9zdE1vZGlmeVJlcXVlc3QaNS5lbnZveWdhdGV3YXkuZXh0ZW5zaW9uLlBvc3RWaXJ0dWFsSG9zdE1vZGlmeVJlc3BvbnNlEocBChZQb3N0SFRUUExpc3RlbmVyTW9kaWZ5EjUuZW52b3lnYXRld2F5LmV4dGVuc2lvbi5Qb3N0SFRUUExpc3RlbmVyTW9kaWZ5UmVxdWVzdBo2LmVudm95Z2F0ZXdheS5leHRlbnNpb24uUG9zdEhUVFBMaXN0ZW5lck1vZGlmeVJlc3BvbnNlEngKEVBvc3RDbHVzdGVyTW9kaWZ5EjAuZW52b3lnYXRld2F5LmV4dGVuc2lvbi5Qb3N0Q2x1c3Rlck1vZGlmeVJlcXVlc3QaMS5lbnZveWdhdGV3YXkuZXh0ZW5zaW9uLlBvc3RDbHVzdGVyTW9kaWZ5UmVzcG9uc2USfgoTUG9zdEVuZHBvaW50c01vZGlmeRIyLmVudm95Z2F0ZXdheS5leHRlbnNpb24uUG9zdEVuZHBvaW50c01vZGlmeVJlcXVlc3QaMy5lbnZveWdhdGV3YXkuZXh0ZW5zaW9uLlBvc3RFbmRwb2ludHNNb2RpZnlSZXNwb25zZRJ+ChNQb3N0VHJhbnNsYXRlTW9kaWZ5EjIuZW52b3lnYXRld2F5LmV4dGVuc2lvbi5Qb3N0VHJhbnNsYXRlTW9kaWZ5UmVxdWVzdBozLmVudm95Z2F0ZXdheS5leHRlbnNpb24uUG9zdFRyYW5zbGF0ZU1vZGlmeVJlc3BvbnNlYgZwcm90bzM", [file_envoy_config_cluster_v3_cluster, file_envoy_config_endpoint_v3_endpoint, file_envoy_config_listener_v3_listener, file_envoy_config_route_v3_route, file_envoy_config_route_v3_route_components, file_envoy_extensions_transport_sockets_tls_v3_secret, file_envoygateway_extension_context]);
/**
 * Describes the message envoygateway.extension.PostRouteModifyRequest.
 * Use `create(PostRouteModifyRequestSchema)` to create a new message.
 */
export const PostRouteModifyRequestSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 0);
/**
 * Describes the message envoygateway.extension.PostRouteModifyResponse.
 * Use `create(PostRouteModifyResponseSchema)` to create a new message.
 */
export const PostRouteModifyResponseSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 1);
/**
 * Describes the message envoygateway.extension.PostVirtualHostModifyRequest.
 * Use `create(PostVirtualHostModifyRequestSchema)` to create a new message.
 */
export const PostVirtualHostModifyRequestSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 2);
/**
 * Describes the message envoygateway.extension.PostVirtualHostModifyResponse.
 * Use `create(PostVirtualHostModifyResponseSchema)` to create a new message.
 */
export const PostVirtualHostModifyResponseSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 3);
/**
 * Describes the message envoygateway.extension.PostHTTPListenerModifyRequest.
 * Use `create(PostHTTPListenerModifyRequestSchema)` to create a new message.
 */
export const PostHTTPListenerModifyRequestSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 4);
/**
 * Describes the message envoygateway.extension.PostHTTPListenerModifyResponse.
 * Use `create(PostHTTPListenerModifyResponseSchema)` to create a new message.
 */
export const PostHTTPListenerModifyResponseSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 5);
/**
 * Describes the message envoygateway.extension.PostClusterModifyRequest.
 * Use `create(PostClusterModifyRequestSchema)` to create a new message.
 */
export const PostClusterModifyRequestSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 6);
/**
 * Describes the message envoygateway.extension.PostClusterModifyResponse.
 * Use `create(PostClusterModifyResponseSchema)` to create a new message.
 */
export const PostClusterModifyResponseSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 7);
/**
 * Describes the message envoygateway.extension.PostEndpointsModifyRequest.
 * Use `create(PostEndpointsModifyRequestSchema)` to create a new message.
 */
export const PostEndpointsModifyRequestSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 8);
/**
 * Describes the message envoygateway.extension.PostEndpointsModifyResponse.
 * Use `create(PostEndpointsModifyResponseSchema)` to create a new message.
 */
export const PostEndpointsModifyResponseSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 9);
/**
 * Describes the message envoygateway.extension.PostTranslateModifyRequest.
 * Use `create(PostTranslateModifyRequestSchema)` to create a new message.
 */
export const PostTranslateModifyRequestSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 10);
/**
 * Describes the message envoygateway.extension.PostTranslateModifyResponse.
 * Use `create(PostTranslateModifyResponseSchema)` to create a new message.
 */
export const PostTranslateModifyResponseSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_service, 11);
/**
 * @generated from service envoygateway.extension.EnvoyGatewayExtension
 */
export const EnvoyGatewayExtension = /*@__PURE__*/ serviceDesc(file_envoygateway_extension_service, 0);
//# sourceMappingURL=service_pb.js.map