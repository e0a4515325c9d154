// kgate's rendering of Envoy Gateway's extension-hook context messages.
// Field numbers follow envoyproxy/gateway proto/extension (v1.9, commit d32f282);
// they are the wire contract, the names around them are ours.
import { fileDesc, messageDesc } from "@bufbuild/protobuf/codegenv2";
/**
 * Describes the file envoygateway/extension/context.proto.
 */
export const file_envoygateway_extension_context = /*@__PURE__*/ fileDesc("CiRlbnZveWdhdGV3YXkvZXh0ZW5zaW9uL2NvbnRleHQucHJvdG8SFmVudm95Z2F0ZXdheS5leHRlbnNpb24iLwoRRXh0ZW5zaW9uUmVzb3VyY2USGgoSdW5zdHJ1Y3R1cmVkX2J5dGVzGAEgASgMIr0BChlQb3N0Um91dGVFeHRlbnNpb25Db250ZXh0EkYKE2V4dGVuc2lvbl9yZXNvdXJjZXMYASADKAsyKS5lbnZveWdhdGV3YXkuZXh0ZW5zaW9uLkV4dGVuc2lvblJlc291cmNlEhEKCWhvc3RuYW1lcxgCIAMoCRJFChJleHRlbnNpb25fcG9saWNpZXMYAyADKAsyKS5lbnZveWdhdGV3YXkuZXh0ZW5zaW9uLkV4dGVuc2lvblJlc291cmNlIiEKH1Bvc3RWaXJ0dWFsSG9zdEV4dGVuc2lvbkNvbnRleHQibQobUG9zdENsdXN0ZXJFeHRlbnNpb25Db250ZXh0Ek4KG2JhY2tlbmRfZXh0ZW5zaW9uX3Jlc291cmNlcxgBIAMoCzIpLmVudm95Z2F0ZXdheS5leHRlbnNpb24uRXh0ZW5zaW9uUmVzb3VyY2UiHwodUG9zdEVuZHBvaW50c0V4dGVuc2lvbkNvbnRleHQiagogUG9zdEhUVFBMaXN0ZW5lckV4dGVuc2lvbkNvbnRleHQSRgoTZXh0ZW5zaW9uX3Jlc291cmNlcxgBIAMoCzIpLmVudm95Z2F0ZXdheS5leHRlbnNpb24uRXh0ZW5zaW9uUmVzb3VyY2UiZwodUG9zdFRyYW5zbGF0ZUV4dGVuc2lvbkNvbnRleHQSRgoTZXh0ZW5zaW9uX3Jlc291cmNlcxgBIAMoCzIpLmVudm95Z2F0ZXdheS5leHRlbnNpb24uRXh0ZW5zaW9uUmVzb3VyY2ViBnByb3RvMw");
/**
 * Describes the message envoygateway.extension.ExtensionResource.
 * Use `create(ExtensionResourceSchema)` to create a new message.
 */
export const ExtensionResourceSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_context, 0);
/**
 * Describes the message envoygateway.extension.PostRouteExtensionContext.
 * Use `create(PostRouteExtensionContextSchema)` to create a new message.
 */
export const PostRouteExtensionContextSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_context, 1);
/**
 * Describes the message envoygateway.extension.PostVirtualHostExtensionContext.
 * Use `create(PostVirtualHostExtensionContextSchema)` to create a new message.
 */
export const PostVirtualHostExtensionContextSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_context, 2);
/**
 * Describes the message envoygateway.extension.PostClusterExtensionContext.
 * Use `create(PostClusterExtensionContextSchema)` to create a new message.
 */
export const PostClusterExtensionContextSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_context, 3);
/**
 * Describes the message envoygateway.extension.PostEndpointsExtensionContext.
 * Use `create(PostEndpointsExtensionContextSchema)` to create a new message.
 */
export const PostEndpointsExtensionContextSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_context, 4);
/**
 * Describes the message envoygateway.extension.PostHTTPListenerExtensionContext.
 * Use `create(PostHTTPListenerExtensionContextSchema)` to create a new message.
 */
export const PostHTTPListenerExtensionContextSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_context, 5);
/**
 * Describes the message envoygateway.extension.PostTranslateExtensionContext.
 * Use `create(PostTranslateExtensionContextSchema)` to create a new message.
 */
export const PostTranslateExtensionContextSchema = /*@__PURE__*/ messageDesc(file_envoygateway_extension_context, 6);
//# sourceMappingURL=context_pb.js.map